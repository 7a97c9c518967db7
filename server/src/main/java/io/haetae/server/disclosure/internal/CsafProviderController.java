package io.haetae.server.disclosure.internal;

import io.haetae.server.disclosure.internal.PublicationRepository.Published;
import io.haetae.server.identity.Caller;
import io.haetae.server.identity.CurrentCaller;
import io.haetae.server.identity.Tlp;
import io.haetae.server.identity.TlpPolicy;
import io.haetae.server.web.NotFoundException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hub as a CSAF 2.0 trusted provider (CSAF 2.0 section 7; docs/disclosure.md "CSAF
 * provider"): {@code /.well-known/csaf/provider-metadata.json}, one ROLIE feed per TLP label,
 * each label's folder with {@code <year>/<file>.json} and its {@code .sha256}, {@code .sha512}
 * and {@code .asc}, {@code index.txt} and {@code changes.csv}, and the public OpenPGP key.
 *
 * <p>Folders are named by the CSAF 2.0 label (TLP 1.0): {@code white} (TLP:CLEAR; {@code clear}
 * answers too), {@code green}, {@code amber} (AMBER and AMBER+STRICT), {@code red}. Only TLP:CLEAR
 * is public. Any other document, and any other feed, is answered only to a caller its TLP admits
 * ({@link TlpPolicy#maySee}), who sends an API key: to anyone else a document is a 404, as a
 * missing one, and a feed lists only what the caller may read.
 */
@RestController
class CsafProviderController {

  static final String ROOT = "/.well-known/csaf";
  private static final List<String> FOLDERS = List.of("white", "green", "amber", "red");
  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
  private static final MediaType TEXT = new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);

  private final PublicationRepository published;
  private final CsafSigningKey key;
  private final String baseUrl;
  private final String publisherName;
  private final String namespace;
  private final String contact;

  CsafProviderController(PublicationRepository published, CsafSigningKey key, @Value("${haetae.base-url}") String baseUrl,
      @Value("${haetae.csaf.publisher.name:Haetae}") String publisherName,
      @Value("${haetae.csaf.publisher.namespace:${haetae.base-url}}") String namespace,
      @Value("${haetae.csaf.publisher.contact:}") String contact) {
    this.published = published;
    this.key = key;
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.publisherName = publisherName;
    this.namespace = namespace;
    this.contact = contact;
  }

  /** The folder of a TLP label. */
  static String folder(Tlp tlp) {
    return io.haetae.engine.disclosure.CsafWriter.csafLabel(tlp.label()).toLowerCase(Locale.ROOT);
  }

  @GetMapping(path = ROOT + "/provider-metadata.json", produces = MediaType.APPLICATION_JSON_VALUE)
  ObjectNode metadata() {
    var json = JSON.createObjectNode();
    json.put("canonical_url", baseUrl + ROOT + "/provider-metadata.json");
    var feeds = json.putArray("distributions").addObject().putObject("rolie").putArray("feeds");
    for (String folder : FOLDERS) {
      feeds.addObject().put("summary", publisherName + " CSAF advisories (TLP:" + folder.toUpperCase(Locale.ROOT) + ")")
          .put("tlp_label", folder.toUpperCase(Locale.ROOT)).put("url", feedUrl(folder));
    }
    json.put("last_updated", published.lastPublished().orElse(Instant.EPOCH).truncatedTo(ChronoUnit.MILLIS).toString());
    json.put("list_on_CSAF_aggregators", true);
    json.put("metadata_version", "2.0");
    json.put("mirror_on_CSAF_aggregators", true);
    json.putArray("public_openpgp_keys").addObject().put("fingerprint", key.fingerprint())
        .put("url", baseUrl + ROOT + "/openpgp/" + key.fingerprint() + ".asc");
    var publisher = json.putObject("publisher");
    publisher.put("category", "coordinator").put("name", publisherName).put("namespace", namespace);
    if (!contact.isBlank()) publisher.put("contact_details", contact);
    json.put("role", "csaf_trusted_provider");
    return json;
  }

  @GetMapping(path = ROOT + "/openpgp/{name}")
  ResponseEntity<String> publicKey(@PathVariable String name) {
    if (!name.equalsIgnoreCase(key.fingerprint() + ".asc")) throw new NotFoundException("key");
    return ResponseEntity.ok().contentType(new MediaType("application", "pgp-keys")).body(key.publicKey());
  }

  /** The ROLIE feed, index.txt or changes.csv of a label's folder. */
  @GetMapping(path = ROOT + "/{folder}/{name}")
  ResponseEntity<?> listing(@PathVariable String folder, @PathVariable String name) {
    String f = folder(folder);
    Caller caller = CurrentCaller.get().orElse(null);
    if (!f.equals("white") && caller == null) {
      var p = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
          "TLP:" + f.toUpperCase(Locale.ROOT) + " documents are served to their audience only: send an organisation's API key in X-Api-Key");
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
    var visible = documents(f, caller);
    if (name.equals("feed-tlp-" + f + ".json") || (f.equals("white") && name.equals("feed-tlp-clear.json"))) return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(feed(f, visible));
    if (name.equals("index.txt")) {
      var sb = new StringBuilder();
      visible.forEach(p -> sb.append(p.year()).append('/').append(p.fileName()).append('\n'));
      return ResponseEntity.ok().contentType(TEXT).body(sb.toString());
    }
    if (name.equals("changes.csv")) {
      var sb = new StringBuilder();
      visible.forEach(p -> sb.append('"').append(p.year()).append('/').append(p.fileName()).append("\",\"")
          .append(p.publishedAt().truncatedTo(ChronoUnit.MILLIS)).append("\"\n"));
      return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)).body(sb.toString());
    }
    throw new NotFoundException("CSAF file");
  }

  /** A document, or its hash or signature. */
  @GetMapping(path = ROOT + "/{folder}/{year}/{name}")
  ResponseEntity<String> document(@PathVariable String folder, @PathVariable String year, @PathVariable String name) {
    String f = folder(folder);
    int y;
    try {
      y = Integer.parseInt(year);
    } catch (NumberFormatException e) {
      throw new NotFoundException("CSAF document");
    }
    String file = name.replaceFirst("\\.(sha256|sha512|asc)$", "");
    Published p = published.find(y, file)
        .filter(d -> folder(d.marking().tlp()).equals(f))
        .filter(d -> TlpPolicy.maySee(CurrentCaller.get().orElse(null), d.marking()))
        .orElseThrow(() -> new NotFoundException("CSAF document"));
    if (name.endsWith(".sha256")) return ResponseEntity.ok().contentType(TEXT).body(p.sha256() + "  " + p.fileName() + "\n");
    if (name.endsWith(".sha512")) return ResponseEntity.ok().contentType(TEXT).body(p.sha512() + "  " + p.fileName() + "\n");
    if (name.endsWith(".asc")) return ResponseEntity.ok().contentType(new MediaType("application", "pgp-signature")).body(p.signature());
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(p.csaf());
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> missing(NotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
  }

  private static String folder(String requested) {
    String f = requested.toLowerCase(Locale.ROOT);
    if (f.equals("clear")) return "white";
    if (!FOLDERS.contains(f)) throw new NotFoundException("CSAF folder");
    return f;
  }

  /** The documents of a folder the caller may read, newest first. */
  private List<Published> documents(String folder, Caller caller) {
    var labels = java.util.Arrays.stream(Tlp.values()).filter(t -> folder(t).equals(folder)).toList();
    return published.withTlp(labels).stream().filter(p -> TlpPolicy.maySee(caller, p.marking())).toList();
  }

  private ObjectNode feed(String folder, List<Published> documents) {
    var json = JSON.createObjectNode();
    var feed = json.putObject("feed");
    feed.put("id", namespaceId() + "-csaf-feed-tlp-" + folder);
    feed.put("title", publisherName + " CSAF feed (TLP:" + folder.toUpperCase(Locale.ROOT) + ")");
    feed.putArray("link").addObject().put("rel", "self").put("href", feedUrl(folder));
    feed.putArray("category").addObject().put("scheme", "urn:ietf:params:rolie:category:information-type").put("term", "csaf");
    feed.put("updated", documents.stream().map(Published::publishedAt).findFirst().orElse(Instant.EPOCH)
        .truncatedTo(ChronoUnit.MILLIS).toString());
    var entries = feed.putArray("entry");
    for (Published p : documents) {
      String url = baseUrl + ROOT + "/" + folder + "/" + p.year() + "/" + p.fileName();
      var entry = entries.addObject();
      entry.put("id", p.id());
      entry.put("title", p.title());
      var links = entry.putArray("link");
      links.addObject().put("rel", "self").put("href", url);
      links.addObject().put("rel", "hash").put("href", url + ".sha256");
      links.addObject().put("rel", "hash").put("href", url + ".sha512");
      links.addObject().put("rel", "signature").put("href", url + ".asc");
      entry.put("published", p.publishedAt().truncatedTo(ChronoUnit.MILLIS).toString());
      entry.put("updated", p.publishedAt().truncatedTo(ChronoUnit.MILLIS).toString());
      entry.putObject("content").put("type", "application/json").put("src", url);
      entry.putObject("format").put("schema", "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json").put("version", "2.0");
    }
    return json;
  }

  private String feedUrl(String folder) {
    return baseUrl + ROOT + "/" + folder + "/feed-tlp-" + folder + ".json";
  }

  private String namespaceId() {
    return publisherName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
