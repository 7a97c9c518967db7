package io.haetae.server.knowledge.internal;

import io.haetae.server.identity.AuditLog;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.Marking;
import io.haetae.server.identity.Tlp;
import io.haetae.server.knowledge.AdvisoryImporter;
import io.haetae.server.knowledge.ImportSummary;
import io.haetae.server.web.BadInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Advisory import into a running hub (operators only; {@code ./haetae import FORMAT PATH --server}
 * posts here). The body is one file: for osv JSON, JSONL, JSONL.gz or an OSV bulk zip; for cve5,
 * nvd, csaf and kev JSON or JSONL (either gzipped too); for epss CSV or CSV.gz;
 * {@code filename} tells which.
 */
@RestController
class ImportApiController {

  private final AdvisoryImporter importer;
  private final AuditLog audit;

  ImportApiController(AdvisoryImporter importer, AuditLog audit) {
    this.importer = importer;
    this.audit = audit;
  }

  @PostMapping("/api/v1/advisories/import/{format}")
  ResponseEntity<ImportSummary> importFile(Caller caller, @PathVariable String format,
      @RequestParam(defaultValue = "upload.json") String filename, @RequestParam(required = false) String tlp,
      @RequestParam(required = false) String sector, HttpServletRequest request) throws IOException {
    if (!AdvisoryImporter.FORMATS.contains(format)) {
      throw new BadInputException("unknown advisory format '" + format + "'; supported: " + String.join(", ", AdvisoryImporter.FORMATS));
    }
    String suffix = suffixOf(format, filename);
    Marking marking = marking(caller, tlp, sector);
    Path dir = Files.createTempDirectory("haetae-import");
    Path file = dir.resolve("upload" + suffix);
    try (InputStream in = request.getInputStream()) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      // Rejections name the file as the client sent it, not the temporary copy.
      String shown = java.nio.file.Path.of(filename.replace('\\', '/')).getFileName().toString();
      ImportSummary summary = importer.importFeed(format, file, marking).naming(file.toString(), shown);
      audit.record(caller, "advisories.import", null, format + " " + marking.tlp().label() + " " + summary);
      return ResponseEntity.status(summary.clean() ? HttpStatus.OK : HttpStatus.BAD_REQUEST).body(summary);
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  /** {@code ?tlp=AMBER&sector=energy}: shared by the caller's organisation with that sector. Default TLP:CLEAR. */
  private static Marking marking(Caller caller, String tlp, String sector) {
    try {
      Tlp label = Tlp.parse(tlp);
      String audience = sector == null || sector.isBlank() ? null : sector.strip();
      return label == Tlp.CLEAR && audience == null ? Marking.PUBLIC : new Marking(label, caller.orgId(), audience);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  /** Only the type matters; the client's file name never reaches the file system. */
  private static String suffixOf(String format, String filename) {
    String f = filename.toLowerCase(Locale.ROOT);
    if (format.equals("epss")) {
      if (f.endsWith(".csv.gz")) return ".csv.gz";
      if (f.endsWith(".csv")) return ".csv";
      throw new BadInputException("filename '" + filename + "' is not .csv or .csv.gz");
    }
    if (f.endsWith(".json.gz") && !format.equals("osv")) return ".json.gz";
    if (f.endsWith(".jsonl.gz")) return ".jsonl.gz";
    if (f.endsWith(".jsonl")) return ".jsonl";
    if (f.endsWith(".zip") && format.equals("osv")) return ".zip";
    if (f.endsWith(".json")) return ".json";
    throw new BadInputException("filename '" + filename + "' is not .json, .jsonl, .jsonl.gz"
        + (format.equals("osv") ? " or .zip" : " or .json.gz"));
  }
}
