package io.haetae.server.identity.internal;

import io.haetae.server.identity.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of an operator's sign-in: a TOTP code. An operator without a second factor
 * enrols here on first sign-in (the secret and its {@code otpauth://} URI are shown once the
 * password has been accepted); the first correct code enables it.
 */
@Controller
class SecondFactorPage {

  private final OrganisationRepository repository;
  private final SignInFlow flow;
  private final AuthThrottle throttle;
  private final AuditLog audit;

  SecondFactorPage(OrganisationRepository repository, SignInFlow flow, AuthThrottle throttle, AuditLog audit) {
    this.repository = repository;
    this.flow = flow;
    this.throttle = throttle;
    this.audit = audit;
  }

  @GetMapping("/login/totp")
  @Transactional
  String form(Authentication auth, Model model) {
    HubUser user = (HubUser) auth.getPrincipal();
    boolean enrolled = repository.findUser(user.email()).map(SignedInUser::secondFactor).orElse(false);
    if (!enrolled) {
      String secret = repository.totpSecret(user.email()).orElseGet(() -> {
        String fresh = Totp.newSecret();
        repository.setTotpSecret(user.email(), fresh);
        return fresh;
      });
      model.addAttribute("secret", secret);
      String uri = Totp.uri("Haetae", user.email(), secret);
      model.addAttribute("uri", uri);
      model.addAttribute("qr", QrCode.dataUri(uri));
    }
    model.addAttribute("enrolled", enrolled);
    return "identity/totp";
  }

  @PostMapping("/login/totp")
  String verify(Authentication auth, @RequestParam(defaultValue = "") String code,
      HttpServletRequest request, HttpServletResponse response) {
    HubUser user = (HubUser) auth.getPrincipal();
    String address = request.getRemoteAddr();
    // Codes are six digits: the same bounds as passwords, counted apart from them.
    String account = "totp:" + user.email();
    var wait = throttle.refuseUnchecked(address, account);
    if (wait.isPresent()) {
      audit.attempt(user.email(), user.caller().orgId(), "auth.throttled", "totp");
      response.setHeader("Retry-After", Long.toString(wait.getAsLong()));
      return "redirect:/login/totp?error";
    }
    var secret = repository.totpSecret(user.email());
    var step = secret.flatMap(s -> {
      var found = Totp.verify(s, code, Instant.now().getEpochSecond());
      return found.isPresent() ? java.util.Optional.of(found.getAsLong()) : java.util.Optional.<Long>empty();
    });
    if (step.isEmpty() || !repository.useTotpStep(user.email(), step.get())) {
      throttle.failed(address, account);
      audit.attempt(user.email(), user.caller().orgId(), "sign-in.totp-failed", null);
      return "redirect:/login/totp?error";
    }
    throttle.succeeded(address, account);
    flow.completeSecondFactor(request, response, user);
    return "redirect:/";
  }
}
