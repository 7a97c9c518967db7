package io.haetae.server.identity.internal;

import io.haetae.server.identity.Caller;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A user signed in through the web form; carries the {@link Caller} it acts as. */
public record SignedInUser(String email, String passwordHash, Caller caller) implements UserDetails {

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority(caller.role().authority()));
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return email;
  }

  @Override
  public String toString() {
    return "SignedInUser[" + email + "]";
  }
}
