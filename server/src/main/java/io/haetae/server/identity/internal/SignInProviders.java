package io.haetae.server.identity.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The OpenID Connect providers configured under {@code spring.security.oauth2.client.registration},
 * by registration id and display name, for the sign-in page; none when none is configured.
 */
@ControllerAdvice
class SignInProviders {

  private final ObjectProvider<ClientRegistrationRepository> registrations;

  SignInProviders(ObjectProvider<ClientRegistrationRepository> registrations) {
    this.registrations = registrations;
  }

  @ModelAttribute("oidcProviders")
  Map<String, String> providers() {
    var out = new LinkedHashMap<String, String>();
    if (registrations.getIfAvailable() instanceof Iterable<?> all) {
      for (Object o : all) {
        if (o instanceof ClientRegistration r) out.put(r.getRegistrationId(), r.getClientName());
      }
    }
    return out;
  }
}
