package io.haetae.server.domainwatch.internal;

import io.haetae.server.domainwatch.DomainWatch;
import io.haetae.server.identity.OrganisationDomainsChanged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Takes the organisation import's domains column as protected names. New matches are told by the
 * alert module ({@code DomainMatchFound}: webhooks at once, a digest mail per organisation).
 */
@Component
class ImportedDomains {

  private final DomainWatch watch;

  ImportedDomains(DomainWatch watch) {
    this.watch = watch;
  }

  @ApplicationModuleListener
  void on(OrganisationDomainsChanged e) {
    watch.importedDomains(e.orgId(), e.domains());
  }
}
