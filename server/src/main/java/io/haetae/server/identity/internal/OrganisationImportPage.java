package io.haetae.server.identity.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.OrganisationImport;
import io.haetae.server.web.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The national operator's organisation import page: an upload form and the result table
 * ({@link OrganisationImportApi} is the same for scripts).
 */
@Controller
class OrganisationImportPage {

  private final OrganisationImport imports;

  OrganisationImportPage(OrganisationImport imports) {
    this.imports = imports;
  }

  @GetMapping("/admin/organisations/import")
  String form(Caller caller) {
    caller.require(Capability.ADMINISTER);
    return "identity/organisation-import";
  }

  @PostMapping("/admin/organisations/import")
  String upload(Caller caller, @RequestParam(required = false) MultipartFile file, Model model) {
    caller.require(Capability.ADMINISTER);
    try {
      if (file == null || file.isEmpty()) throw new BadInputException("'file': choose a CSV file");
      model.addAttribute("report", imports.importCsv(caller, file.getBytes()));
      model.addAttribute("fileName", file.getOriginalFilename());
    } catch (BadInputException e) {
      model.addAttribute("problem", e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the uploaded CSV", e);
    }
    return "identity/organisation-import";
  }
}
