/**
 * Coordinated vulnerability disclosure (issue 16; docs/disclosure.md): reports as researchers,
 * vendors and AI tools submit them, one or thousands at once; their triage through the Vultron
 * report-management states with an embargo; the vendors invited to a case; one timeline for
 * reporter, vendor and analyst; and clusters of duplicate reports ranked by SSVC inputs. API:
 * {@link io.haetae.server.disclosure.VulnerabilityReports} (intake) and
 * {@link io.haetae.server.disclosure.Disclosure} (cases and triage).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "web", "knowledge", "inventory"})
package io.haetae.server.disclosure;
