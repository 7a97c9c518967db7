package io.haetae.server.disclosure;

import java.util.UUID;

/** An organisation that could be the affected product's vendor: named as such in the report, or holding the package ({@code components} in its SBOMs). */
public record VendorCandidate(UUID orgId, String name, boolean namedVendor, int components) {}
