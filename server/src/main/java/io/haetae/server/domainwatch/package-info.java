/**
 * Domain watch: look-alike domains of the names organisations protect, found in newly observed
 * domains (lists, certificate-transparency entries), alerted by mail, judged by the organisation
 * and exported by the operator as a blocklist. API: {@link io.haetae.server.domainwatch.DomainWatch};
 * docs/domainwatch.md. Detection itself is the engine's {@code io.haetae.engine.domain}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "web"})
package io.haetae.server.domainwatch;
