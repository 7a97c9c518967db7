package io.haetae.server.identity.internal;

import java.util.Locale;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class UserAccounts implements UserDetailsService {

  private final OrganisationRepository repository;

  UserAccounts(OrganisationRepository repository) {
    this.repository = repository;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return repository.findUser(username == null ? "" : username.trim().toLowerCase(Locale.ROOT))
        .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
  }
}
