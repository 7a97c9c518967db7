package io.haetae.server.identity.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.Organisation;
import io.haetae.server.identity.OrganisationService;
import io.haetae.server.identity.Role;
import io.haetae.server.identity.SizeClass;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** National operators register organisations and invite each one's first user (its CISO). */
@Controller
class AdminPage {

  private final OrganisationService organisations;
  private final Invitations invitations;

  private final boolean demo;

  AdminPage(OrganisationService organisations, Invitations invitations,
      @org.springframework.beans.factory.annotation.Value("${haetae.demo:false}") boolean demo) {
    this.organisations = organisations;
    this.invitations = invitations;
    this.demo = demo;
  }

  @GetMapping("/admin/organisations")
  String list(Caller caller, Model model) {
    caller.require(Capability.ADMINISTER);
    model.addAttribute("organisations", organisations.all());
    var sectors = organisations.sectors();
    model.addAttribute("sectors", sectors);
    model.addAttribute("sectorNames", sectors.stream().collect(java.util.stream.Collectors.toMap(
        io.haetae.server.identity.Sector::code, s -> s.name(org.springframework.context.i18n.LocaleContextHolder.getLocale()))));
    model.addAttribute("sizes", SizeClass.values());
    model.addAttribute("roles", new Role[] {Role.CISO, Role.SECTOR_OPERATOR, Role.ISAC_ANALYST, Role.OPERATOR});
    InvitationResult.show(model, invitations);
    model.addAttribute("demo", demo);
    return "identity/admin";
  }

  @PostMapping("/admin/organisations")
  String create(Caller caller, @RequestParam String name, @RequestParam(required = false) String sector,
      @RequestParam(required = false) String sizeClass, @RequestParam String email,
      @RequestParam(defaultValue = "CISO") String role, RedirectAttributes flash) {
    try {
      Role first = Role.parse(role, "role");
      Organisation org = organisations.register(caller, name, sector, SizeClass.parse(sizeClass), email, first);
      if (first == Role.SECTOR_OPERATOR && org.sector() != null) organisations.superviseSector(org.sector(), org.sector(), org.id());
      flash.addFlashAttribute("created", org.name());
      InvitationResult.flash(flash, invitations.invite(caller, org.id(), email, first));
    } catch (IllegalArgumentException e) {
      flash.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/admin/organisations";
  }

  @PostMapping("/admin/sectors")
  String addSector(Caller caller, @RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String nameEn,
      @RequestParam(defaultValue = "") String nameKo, RedirectAttributes flash) {
    try {
      flash.addFlashAttribute("sectorAdded", organisations.addSector(caller, code, nameEn, nameKo).code());
    } catch (IllegalArgumentException e) {
      flash.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/admin/organisations";
  }
}
