package io.haetae.server.identity.internal;

import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Capability;
import io.haetae.server.identity.ImportReport;
import io.haetae.server.identity.OrganisationImport;
import io.haetae.server.web.BadInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/** {@code POST /api/v1/organisations/import}: the CSV as the body (text/csv) or as a multipart {@code file}. */
@RestController
class OrganisationImportApi {

  private final OrganisationImport imports;

  OrganisationImportApi(OrganisationImport imports) {
    this.imports = imports;
  }

  record Rejected(int line, String field, String reason) {}

  record ImportResult(int created, int updated, int unchanged, int rejectedCount, List<Rejected> rejected) {

    static ImportResult of(ImportReport r) {
      return new ImportResult(r.created(), r.updated(), r.unchanged(), r.rejected().size(),
          r.rejected().stream().map(x -> new Rejected(x.line(), x.field(), x.reason())).toList());
    }
  }

  @PostMapping(value = "/api/v1/organisations/import", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE,
      MediaType.APPLICATION_OCTET_STREAM_VALUE})
  ImportResult importCsv(Caller caller, HttpServletRequest request) throws IOException {
    caller.require(Capability.ADMINISTER);
    return ImportResult.of(imports.importCsv(caller, request.getInputStream().readAllBytes()));
  }

  @PostMapping(value = "/api/v1/organisations/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ImportResult importMultipart(Caller caller, MultipartHttpServletRequest request) throws IOException {
    caller.require(Capability.ADMINISTER);
    MultipartFile file = request.getFile("file");
    if (file == null) {
      Map<String, MultipartFile> files = request.getFileMap();
      file = files.isEmpty() ? null : files.values().iterator().next();
    }
    if (file == null || file.isEmpty()) throw new BadInputException("'file': the multipart request has no CSV file");
    return ImportResult.of(imports.importCsv(caller, file.getBytes()));
  }
}
