/**
 * Notices from the national or a sector operator to many organisations at once (readiness-check
 * requests, guidelines, emergency advisories), with delivery and acknowledgement counts.
 * API: {@link io.haetae.server.broadcast.Broadcasts}; docs/broadcasts.md.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "web"})
package io.haetae.server.broadcast;
