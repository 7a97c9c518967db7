package io.haetae.server.identity.internal;

import io.haetae.server.identity.Caller;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * OpenID Connect sign-in: the identity provider vouches for an e-mail address, and the Haetae
 * user with that address signs in with their own role and organisation. The provider creates
 * no accounts and grants no roles; an address Haetae does not know, or one the provider has not
 * verified, is refused.
 */
class OidcSignIn implements OAuth2UserService<OidcUserRequest, OidcUser> {

  private final OidcUserService delegate = new OidcUserService();
  private final OrganisationRepository repository;

  OidcSignIn(OrganisationRepository repository) {
    this.repository = repository;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser oidc = delegate.loadUser(request);
    String email = oidc.getEmail() == null ? null : oidc.getEmail().strip().toLowerCase(Locale.ROOT);
    // Only an explicit email_verified=true counts: providers that leave the claim out (Entra ID)
    // would otherwise let anyone who puts a Haetae user's address on their account sign in.
    if (email == null || !Boolean.TRUE.equals(oidc.getEmailVerified())) {
      throw new OAuth2AuthenticationException(new OAuth2Error("email_not_verified", "the provider vouches for no verified e-mail", null));
    }
    SignedInUser user = repository.findUser(email).orElseThrow(() ->
        new OAuth2AuthenticationException(new OAuth2Error("unknown_user", "no Haetae user has this e-mail", null)));
    if (!user.isAccountNonLocked()) {
      throw new OAuth2AuthenticationException(new OAuth2Error("locked", "the account is locked", null));
    }
    return new OidcHubUser(oidc, user.caller(), email);
  }

  /** The provider's user, acting as the Haetae user of the same e-mail. */
  record OidcHubUser(OidcUser oidc, Caller caller, String email) implements OidcUser, HubUser {

    @Override
    public OidcHubUser withCaller(Caller current) {
      return new OidcHubUser(oidc, current, email);
    }

    @Override
    public Map<String, Object> getClaims() {
      return oidc.getClaims();
    }

    @Override
    public OidcUserInfo getUserInfo() {
      return oidc.getUserInfo();
    }

    @Override
    public OidcIdToken getIdToken() {
      return oidc.getIdToken();
    }

    @Override
    public Map<String, Object> getAttributes() {
      return oidc.getAttributes();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
      return List.of(new SimpleGrantedAuthority(caller.role().authority()));
    }

    @Override
    public String getName() {
      return email;
    }
  }
}
