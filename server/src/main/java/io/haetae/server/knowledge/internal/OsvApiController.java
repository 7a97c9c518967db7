package io.haetae.server.knowledge.internal;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import io.haetae.engine.advisory.Advisory;
import io.haetae.engine.match.InstalledPackage;
import io.haetae.engine.match.RangeEvaluator;
import io.haetae.engine.match.Verdict;
import io.haetae.engine.version.Ecosystem;
import io.haetae.engine.version.PackageKey;
import io.haetae.server.identity.CurrentCaller;
import io.haetae.server.knowledge.AdvisoryCatalog;
import io.haetae.server.knowledge.StoredAdvisory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The OSV.dev API (https://google.github.io/osv.dev/api/), so OSV clients such as osv-scanner
 * can point at the hub: query by package and version or purl, batch queries, one record by id.
 * Errors use OSV.dev's shape {@code {"code": 3, "message": "..."}}.
 */
@RestController
class OsvApiController {

  /** OSV.dev caps a batch at 1,000 queries. */
  static final int MAX_BATCH = 1000;

  private final AdvisoryCatalog catalog;

  OsvApiController(AdvisoryCatalog catalog) {
    this.catalog = catalog;
  }

  record PackageQuery(String name, String ecosystem, String purl) {}

  record Query(PackageQuery _package, String version, String commit) {
    @com.fasterxml.jackson.annotation.JsonCreator
    Query(@com.fasterxml.jackson.annotation.JsonProperty("package") PackageQuery _package,
        @com.fasterxml.jackson.annotation.JsonProperty("version") String version,
        @com.fasterxml.jackson.annotation.JsonProperty("commit") String commit) {
      this._package = _package;
      this.version = version;
      this.commit = commit;
    }
  }

  record BatchQuery(List<Query> queries) {}

  static final class InvalidQuery extends RuntimeException {
    InvalidQuery(String message) {
      super(message);
    }
  }

  @PostMapping(path = "/v1/query", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> query(@RequestBody Query query) {
    var sb = new StringBuilder("{");
    List<Advisory> vulns = matching(query, "");
    if (!vulns.isEmpty()) {
      sb.append("\"vulns\":[");
      for (int i = 0; i < vulns.size(); i++) sb.append(i == 0 ? "" : ",").append(vulns.get(i).json());
      sb.append(']');
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(sb.append('}').toString());
  }

  @PostMapping(path = "/v1/querybatch", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> batch(@RequestBody BatchQuery batch) {
    if (batch == null || batch.queries() == null) throw new InvalidQuery("'queries' is missing");
    if (batch.queries().size() > MAX_BATCH) throw new InvalidQuery("too many queries: at most " + MAX_BATCH);
    var results = new ArrayList<Map<String, Object>>();
    for (int i = 0; i < batch.queries().size(); i++) {
      var vulns = matching(batch.queries().get(i), "queries[" + i + "]: ");
      results.add(vulns.isEmpty() ? Map.of() : Map.of("vulns", vulns.stream()
          .map(a -> Map.of("id", a.id(), "modified", a.modified().toString())).toList()));
    }
    return Map.of("results", results);
  }

  @GetMapping(path = "/v1/vulns/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> vuln(@PathVariable String id) {
    return catalog.find(CurrentCaller.get().orElse(null), id)
        .map(StoredAdvisory::advisory)
        .map(a -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(a.json()))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
            .body("{\"code\":5,\"message\":\"Bug not found.\"}"));
  }

  @ExceptionHandler(InvalidQuery.class)
  ResponseEntity<Map<String, Object>> invalid(InvalidQuery e) {
    return ResponseEntity.badRequest().body(Map.of("code", 3, "message", e.getMessage()));
  }

  private List<Advisory> matching(Query query, String where) {
    if (query == null || query._package() == null) throw new InvalidQuery(where + "'package' is missing");
    if (query.commit() != null && !query.commit().isBlank()) {
      throw new InvalidQuery(where + "queries by commit are not supported by this hub; query by package and version");
    }
    var target = target(query, where);
    // Anonymous OSV clients get TLP:CLEAR records only; a caller with a key gets what TLP lets them read.
    var candidates = catalog.forPackages(CurrentCaller.get().orElse(null), List.of(target.key()));
    if (target.version() == null) return candidates;
    var out = new ArrayList<Advisory>();
    for (Advisory a : candidates) {
      if (RangeEvaluator.evaluate(a, target) instanceof Verdict.Affected) out.add(a);
    }
    return out;
  }

  /** The package to look up; its version is null when the query asks for every advisory of it. */
  private static InstalledPackage target(Query query, String where) {
    PackageQuery p = query._package();
    if (p.purl() != null && !p.purl().isBlank()) {
      PackageURL purl;
      try {
        purl = new PackageURL(p.purl().strip());
      } catch (MalformedPackageURLException e) {
        throw new InvalidQuery(where + "invalid purl: " + e.getMessage());
      }
      if (purl.getVersion() != null && query.version() != null) {
        throw new InvalidQuery(where + "version specified in params and PURL query");
      }
      String version = purl.getVersion() != null ? purl.getVersion() : query.version();
      var eco = Ecosystem.fromPurl(purl.getType(), purl.getNamespace())
          .orElseThrow(() -> new InvalidQuery(where + "unsupported purl type '" + purl.getType() + "'"));
      String base = purl.getVersion() != null ? p.purl().strip() : p.purl().strip() + "@x";
      var installed = InstalledPackage.fromPurl(base).orElseThrow(() -> new InvalidQuery(where + "invalid purl"));
      return new InstalledPackage(new PackageKey(eco, installed.key().name()), version, installed.release());
    }
    if (p.name() == null || p.name().isBlank()) throw new InvalidQuery(where + "package name is missing");
    if (p.ecosystem() == null || p.ecosystem().isBlank()) throw new InvalidQuery(where + "package ecosystem is missing");
    var eco = Ecosystem.fromOsv(p.ecosystem())
        .orElseThrow(() -> new InvalidQuery(where + "unknown ecosystem '" + p.ecosystem() + "'"));
    return new InstalledPackage(new PackageKey(eco, p.name()), blankToNull(query.version()), Ecosystem.releaseOf(p.ecosystem()));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
