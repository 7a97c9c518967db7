package io.haetae.engine.domain;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.SpoofChecker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Protected names indexed for look-alike detection. Every lookup is by hash on the observed
 * domain: its label against the protected labels and, for typos, against their 0-, 1- and
 * 2-deletions (symmetric deletion; the edit found is then named in dnstwist's terms by
 * {@link Typos}), its confusable skeleton against the protected skeletons (IDNs only),
 * its substrings against the brand labels (combosquatting), its subdomain labels against the
 * protected domains. Nothing loops over the protected names per observed domain.
 *
 * <p>The deletions (some 50 per label) are stored as packed longs in a {@link PackedTable}: 39 bits
 * of the deletion's hash, 24 bits of label number; a hit is confirmed by the edit distance to the
 * protected label, so a hash collision cannot raise a match.
 * An owner's own domains never match for that owner.
 */
public final class LookalikeIndex {

  private static final int MIN_DOUBLE_TYPO_LABEL = 8;
  /** Brands this long are rare inside unrelated words: contained anywhere, they match. */
  private static final int MIN_DISTINCTIVE = 7;
  private static final int MIN_ANY_TYPO_LABEL = 5;
  private static final int MIN_TYPO_LABEL = 4;
  private static final int MIN_CONTAINED_ASCII = 4;
  private static final ThreadLocal<SpoofChecker> SPOOF = ThreadLocal.withInitial(
      () -> new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build());

  private final ProtectedName[] names;
  private final Map<String, int[]> byLabel;
  private final Map<String, int[]> byDomain;
  private final Map<String, int[]> bySkeleton;
  private final Map<String, Set<String>> ownersOf;
  private final PackedTable deletions;
  private final String[] typoLabels;
  private final int[][] typoIds;
  private final Map<String, int[]> byGlyphKey;
  private final LabelHashes contained;
  private final DomainNames normaliser;

  private LookalikeIndex(Builder b) {
    this.normaliser = b.normaliser;
    this.names = b.names.toArray(ProtectedName[]::new);
    this.byLabel = new HashMap<>();
    this.byDomain = new HashMap<>();
    this.bySkeleton = new HashMap<>();
    this.ownersOf = b.own;
    var deleted = new PackedTable.Builder();
    var labelIndex = new HashMap<String, Integer>();
    var labelIds = new HashMap<String, int[]>();
    for (int id = 0; id < names.length; id++) {
      ProtectedName p = names[id];
      add(byLabel, p.label(), id);
      if (!p.brand()) add(byDomain, p.name(), id);
      add(bySkeleton, skeleton(p.label()), id);
      if (isAscii(p.label()) && p.label().length() >= MIN_TYPO_LABEL) {
        add(labelIds, p.label(), id);
        if (!labelIndex.containsKey(p.label())) {
          int li = labelIndex.size();
          labelIndex.put(p.label(), li);
          deletionsOf(p.label(), p.label().length() >= MIN_DOUBLE_TYPO_LABEL, h -> deleted.add(h, li));
        }
      }
    }
    this.deletions = deleted.build();
    this.typoLabels = new String[labelIndex.size()];
    this.typoIds = new int[labelIndex.size()][];
    this.byGlyphKey = new HashMap<>();
    labelIndex.forEach((label, li) -> {
      typoLabels[li] = label;
      typoIds[li] = labelIds.get(label);
      String key = Typos.glyphKey(label);
      for (int id : typoIds[li]) add(byGlyphKey, key == null ? label : key, id);
    });
    this.contained = new LabelHashes(byLabel.keySet());
  }

  public static Builder builder() {
    return new Builder(new DomainNames());
  }

  public static Builder builder(DomainNames normaliser) {
    return new Builder(normaliser);
  }

  /** Collects protected names and own domains; {@link #build()} indexes them. */
  public static final class Builder {
    private final DomainNames normaliser;
    private final List<ProtectedName> names = new ArrayList<>();
    private final Map<String, Set<String>> own = new HashMap<>();

    private Builder(DomainNames normaliser) {
      this.normaliser = normaliser;
    }

    /** A protected domain; its registrable domain also becomes the owner's own. */
    public Builder domain(String owner, String raw) {
      var p = ProtectedName.domain(owner, raw, normaliser);
      names.add(p);
      own.computeIfAbsent(p.name(), k -> new HashSet<>()).add(owner);
      return this;
    }

    public Builder brand(String owner, String raw) {
      names.add(ProtectedName.brand(owner, raw));
      return this;
    }

    public Builder add(ProtectedName p) {
      names.add(p);
      if (!p.brand()) own.computeIfAbsent(p.name(), k -> new HashSet<>()).add(p.owner());
      return this;
    }

    /** A domain the owner marked as its own: it never alerts that owner. */
    public Builder own(String owner, String raw) {
      own.computeIfAbsent(normaliser.parse(raw).registrable(), k -> new HashSet<>()).add(owner);
      return this;
    }

    public LookalikeIndex build() {
      if (names.size() >= 1 << 20) throw new IllegalArgumentException("more than 1,048,575 protected names");
      return new LookalikeIndex(this);
    }
  }

  public int size() {
    return names.length;
  }

  /** Bytes held by the deletion table, its directory and filter (the bulk of the index). */
  public long variantBytes() {
    return deletions.bytes();
  }

  public int variantCount() {
    return deletions.size();
  }

  public DomainNames normaliser() {
    return normaliser;
  }

  /** Matches of a raw observed name; IllegalArgumentException when it is not a domain name. */
  public List<DomainMatch> match(String observed, Instant firstSeen) {
    return match(normaliser.parse(observed), firstSeen);
  }

  /** Every protected name {@code d} imitates, at most one match per protected name (the strongest). */
  public List<DomainMatch> match(DomainName d, Instant firstSeen) {
    var found = new Found(d, firstSeen);
    String label = d.label();
    exactLabel(d, found);
    boolean asciiLabel = isAscii(label);
    if (asciiLabel) {
      glyphs(label, d, found, null);
      edits(label, d, found, null);
    }
    else idn(d, found);
    combos(d, found);
    if (!d.subdomain().isEmpty()) subdomains(d, found);
    return found.matches();
  }

  private void exactLabel(DomainName d, Found found) {
    int[] ids = byLabel.get(d.label());
    if (ids == null) return;
    for (int id : ids) {
      ProtectedName p = names[id];
      if (p.name().equals(d.registrable())) continue;
      var reasons = new ArrayList<String>();
      int score = Technique.TLD_SWAP.baseScore();
      if (p.brand()) {
        reasons.add("the brand '" + p.label() + "' is the whole name, under ." + d.suffix());
      } else {
        String theirs = p.name().substring(p.name().indexOf('.') + 1);
        reasons.add("same name '" + p.label() + "' under ." + d.suffix() + " instead of ." + theirs);
        if (secondLevelSwap(theirs, d.suffix())) {
          score += 5;
          reasons.add("second-level swap (." + theirs + " / ." + d.suffix() + ")");
        }
      }
      found.add(id, Technique.TLD_SWAP, score, reasons);
    }
  }

  private static boolean secondLevelSwap(String a, String b) {
    return a.endsWith("." + b) || b.endsWith("." + a) || a.substring(a.lastIndexOf('.') + 1).equals(b.substring(b.lastIndexOf('.') + 1))
        || (a.equals("com") || b.equals("com")) && (a.endsWith("kr") || b.endsWith("kr"));
  }

  /** Two-letter look-alikes: exarnple, rnicrosoft, vvallet. */
  private void glyphs(String label, DomainName d, Found found, String via) {
    String key = Typos.glyphKey(label);
    if (key == null) return;
    int[] ids = byGlyphKey.get(key);
    if (ids == null) return;
    for (int id : ids) {
      ProtectedName p = names[id];
      if (p.label().equals(label)) continue;
      var reasons = new ArrayList<String>();
      reasons.add("homoglyph of '" + p.label() + "': '" + label + "' (rn/m, vv/w, cl/d)");
      if (via != null) reasons.add(via);
      found.add(id, Technique.HOMOGLYPH, Technique.HOMOGLYPH.baseScore() + sameSuffix(p, d, reasons), reasons);
    }
  }

  private static int sameSuffix(ProtectedName p, DomainName d, List<String> reasons) {
    if (p.brand() || !d.suffix().equals(p.name().substring(p.name().indexOf('.') + 1))) return 0;
    reasons.add("same suffix ." + d.suffix());
    return 10;
  }

  /**
   * Symmetric deletion (SymSpell): a label one edit from a protected label shares a 0- or
   * 1-deletion with it. Protected labels of 8 or more also index their 2-deletions, so an observed
   * label two omissions, or an omission and another edit, away is found with the same n + 1
   * probes (myethrwallt). Two replacements or insertions at once need the observed side's
   * 2-deletions too: n(n-1)/2 more probes, made only for observed labels of 8 or more (shorter
   * ones cannot be two edits from an indexed label without being one of the cases above), each
   * hash in O(1) and most stopped by the table's bit filter.
   */
  private void edits(String label, DomainName d, Found found, String via) {
    int n = label.length();
    if (n < MIN_ANY_TYPO_LABEL - 1) return;
    int[] seen = new int[16];
    int[] count = {0};
    java.util.function.LongConsumer probe = h -> {
      if (!deletions.mayContain(h)) return;
      for (int i = deletions.from(h), end = deletions.to(h); i < end; i++) {
        if (deletions.hashAt(i) != h) continue;
        int li = deletions.payloadAt(i);
        boolean again = false;
        for (int k = 0; k < count[0]; k++) again |= seen[k] == li;
        if (again) continue;
        if (count[0] < seen.length) seen[count[0]++] = li;
        edit(label, li, d, found, via);
      }
    };
    long[] hashes = new long[n + 1];
    PackedTable.deletionHashes(label, hashes);
    for (long h : hashes) probe.accept(h);
    if (n >= MIN_DOUBLE_TYPO_LABEL) PackedTable.doubleDeletionHashes(label, probe);
  }

  private void edit(String label, int li, DomainName d, Found found, String via) {
    String target = typoLabels[li];
    if (target.equals(label)) return;
    int max = target.length() >= MIN_DOUBLE_TYPO_LABEL ? 2 : 1;
    int distance = Edits.distance(label, target, max);
    if (distance > max) return;
    for (int id : typoIds[li]) {
      ProtectedName p = names[id];
      var reasons = new ArrayList<String>();
      Technique t;
      int score;
      if (distance == 1) {
        Typos.Kind kind = Typos.classify(label, target);
        t = kind.technique();
        score = t.baseScore();
        reasons.add(t.id() + " of '" + target + "': '" + label + "'");
        if (!kind.likely()) {
          score -= 10;
          reasons.add("not a neighbouring key or a look-alike character");
        }
      } else {
        t = Technique.TYPO;
        score = t.baseScore();
        reasons.add("two edits from '" + target + "': '" + label + "'");
      }
      if (via != null) reasons.add(via);
      if (target.length() <= 5) {
        score -= 15;
        reasons.add("short name: chance look-alikes are common");
      }
      score += sameSuffix(p, d, reasons);
      found.add(id, t, score, reasons);
    }
  }

  /** The 0-, 1- and (when double) 2-deletion hashes of a protected label. */
  private static void deletionsOf(String label, boolean twice, java.util.function.LongConsumer out) {
    int n = label.length();
    out.accept(PackedTable.hash(label, -1, -1));
    for (int i = 0; i < n; i++) out.accept(PackedTable.hash(label, i, -1));
    if (twice) for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) out.accept(PackedTable.hash(label, i, j));
  }

  private void idn(DomainName d, Found found) {
    String label = d.label();
    String skeleton = skeleton(label);
    int[] ids = bySkeleton.get(skeleton);
    String scripts = scripts(label);
    if (ids != null) {
      for (int id : ids) {
        ProtectedName p = names[id];
        if (p.label().equals(label)) continue;
        var reasons = new ArrayList<String>();
        reasons.add("'" + label + "' (" + d.registrable() + ") is confusable with '" + p.label() + "' (Unicode skeleton)");
        int score = Technique.HOMOGLYPH.baseScore() + 5;
        if (scripts.contains("+")) {
          score += 5;
          reasons.add("mixes scripts: " + scripts);
        }
        found.add(id, Technique.HOMOGLYPH, score, reasons);
      }
    }
    if (ids == null) {
      String folded = latinise(label);
      if (isAscii(folded)) {
        String via = "after confusable mapping of '" + label + "' (" + scripts + ")";
        int[] exact = bySkeleton.get(skeleton(folded));
        if (exact != null && !folded.equals(skeleton)) {
          for (int id : exact) {
            found.add(id, Technique.HOMOGLYPH, Technique.HOMOGLYPH.baseScore(),
                List.of("'" + label + "' is '" + names[id].label() + "' with accented letters", via));
          }
        }
        glyphs(folded, d, found, via);
        edits(folded, d, found, via);
      }
    }
  }

  private void combos(DomainName d, Found found) {
    String label = d.label();
    int n = label.length();
    for (int i = 0; i < n; i++) {
      long state = LabelHashes.FNV_OFFSET;
      for (int j = i; j < n; j++) {
        state = LabelHashes.step(state, label.charAt(j));
        if (j - i + 1 < 2 || (i == 0 && j == n - 1)) continue;
        String brand = contained.find(state, label, i, j + 1);
        if (brand == null) continue;
        if (isAscii(brand) && brand.length() < MIN_CONTAINED_ASCII) continue;
        combo(d, brand, i, j + 1, found);
      }
    }
    if (label.indexOf('-') > 0 && isAscii(label)) typoTokens(d, found);
  }

  private void combo(DomainName d, String brand, int from, int to, Found found) {
    String label = d.label();
    String rest = label.substring(0, from) + "-" + label.substring(to);
    String[] words = Keywords.decompose(rest);
    boolean wholeToken = (from == 0 || label.charAt(from - 1) == '-') && (to == label.length() || label.charAt(to) == '-');
    boolean distinctive = brand.length() >= MIN_DISTINCTIVE || !isAscii(brand) && brand.length() >= 3;
    if (words == null && !wholeToken && !distinctive) return;
    for (int id : byLabel.get(brand)) {
      ProtectedName p = names[id];
      if (p.name().equals(d.registrable())) continue;
      var reasons = new ArrayList<String>();
      int score;
      if (words != null && words.length > 0) {
        score = Technique.COMBOSQUATTING.baseScore() + 10 + Math.min(10, 5 * (words.length - 1));
        reasons.add("'" + brand + "' with " + String.join(", ", words));
      } else if (words != null) {
        score = Technique.COMBOSQUATTING.baseScore();
        reasons.add("'" + brand + "' with digits or hyphens only");
      } else if (wholeToken) {
        score = Technique.COMBOSQUATTING.baseScore() - 15;
        reasons.add("'" + brand + "' as a word beside others: " + label);
      } else {
        score = Technique.COMBOSQUATTING.baseScore() - 20;
        reasons.add("'" + brand + "' inside '" + label + "'");
      }
      found.add(id, Technique.COMBOSQUATTING, score, reasons);
    }
  }

  /** A typo of a brand as one hyphen token beside keywords: paypa1-login. */
  private void typoTokens(DomainName d, Found found) {
    String[] tokens = d.label().split("-", -1);
    for (int t = 0; t < tokens.length; t++) {
      if (tokens[t].length() < MIN_TYPO_LABEL) continue;
      var rest = new StringBuilder();
      for (int o = 0; o < tokens.length; o++) if (o != t) rest.append(tokens[o]).append('-');
      String[] words = Keywords.decompose(rest.toString());
      if (words == null || words.length == 0) continue;
      var typoFound = new Found(d, null);
      edits(tokens[t], d, typoFound, null);
      for (DomainMatch m : typoFound.matches()) {
        var reasons = new ArrayList<>(m.reasons());
        reasons.add("beside " + String.join(", ", words));
        found.add(indexOf(m.protectedName()), Technique.COMBOSQUATTING, m.score(), reasons);
      }
    }
  }

  private int indexOf(ProtectedName p) {
    for (int id : byLabel.get(p.label())) if (names[id].equals(p)) return id;
    throw new IllegalStateException("unindexed " + p);
  }

  private void subdomains(DomainName d, Found found) {
    String sub = d.subdomain();
    for (int start = 0; start >= 0 && start < sub.length(); ) {
      int[] ids = byDomain.get(sub.substring(start));
      if (ids != null) {
        for (int id : ids) {
          found.add(id, Technique.SUBDOMAIN, Technique.SUBDOMAIN.baseScore() + 20,
              List.of("'" + names[id].name() + "' in front of the unrelated domain " + d.registrable()));
        }
      }
      int dot = sub.indexOf('.', start);
      start = dot < 0 ? -1 : dot + 1;
    }
    for (String part : sub.split("[.-]")) {
      String label = part.startsWith("xn--") ? DomainNames.toUnicode(part) : part;
      if (label.length() < MIN_CONTAINED_ASCII && isAscii(label)) continue;
      int[] ids = byLabel.get(label);
      if (ids == null) continue;
      for (int id : ids) {
        found.add(id, Technique.SUBDOMAIN, Technique.SUBDOMAIN.baseScore() - 10,
            List.of("'" + label + "' as a subdomain of the unrelated domain " + d.registrable()));
      }
    }
  }

  /** The strongest candidate per protected name, without the owner's own domains. */
  private final class Found {
    private final DomainName d;
    private final Instant firstSeen;
    private final Map<Integer, DomainMatch> best = new HashMap<>(4);

    Found(DomainName d, Instant firstSeen) {
      this.d = d;
      this.firstSeen = firstSeen;
    }

    void add(int id, Technique t, int score, List<String> reasons) {
      ProtectedName p = names[id];
      Set<String> owners = ownersOf.get(d.registrable());
      if (owners != null && owners.contains(p.owner())) return;
      DomainMatch prior = best.get(id);
      if (prior != null && prior.score() >= score) return;
      best.put(id, new DomainMatch(d.ascii(), d.idn() ? d.unicode() : d.ascii(), p, t, score, reasons, firstSeen));
    }

    /** One match per owner and label: a brand and a domain of the same name say the same thing. */
    List<DomainMatch> matches() {
      if (best.size() <= 1) return best.isEmpty() ? List.of() : List.copyOf(best.values());
      var byName = new HashMap<String, DomainMatch>();
      for (DomainMatch m : best.values()) {
        String key = m.protectedName().owner() + '\n' + m.protectedName().label();
        DomainMatch prior = byName.get(key);
        if (prior == null || m.score() > prior.score()
            || m.score() == prior.score() && prior.protectedName().brand() && !m.protectedName().brand()) {
          byName.put(key, m);
        }
      }
      return List.copyOf(byName.values());
    }
  }

  private static final com.ibm.icu.text.Normalizer2 NFD = com.ibm.icu.text.Normalizer2.getNFDInstance();

  /** ASCII letters kept, other letters without accents and through their skeleton: pаypаl, métamask. */
  static String latinise(String label) {
    String folded = fold(label);
    var out = new StringBuilder(folded.length());
    folded.codePoints().forEach(cp -> {
      if (cp < 128) out.append((char) cp);
      else out.append(fold(skeleton(new String(Character.toChars(cp)))));
    });
    return out.toString();
  }

  /** Without accents: é -> e, ё -> е (ICU's skeletons keep diacritics). */
  static String fold(String s) {
    String d = NFD.normalize(s);
    var out = new StringBuilder(d.length());
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      if (Character.getType(c) != Character.NON_SPACING_MARK) out.append(c);
    }
    return out.toString();
  }

  static String skeleton(String label) {
    return SPOOF.get().getSkeleton(label);
  }

  /** The scripts of a label's letters, "Latin+Cyrillic" when mixed. */
  static String scripts(String label) {
    var scripts = new TreeSet<String>();
    label.codePoints().forEach(cp -> {
      int s = UScript.getScript(cp);
      if (s != UScript.COMMON && s != UScript.INHERITED) scripts.add(UScript.getName(s));
    });
    return String.join("+", scripts);
  }

  static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= 128) return false;
    return true;
  }

  private static void add(Map<String, int[]> map, String key, int id) {
    map.merge(key, new int[] {id}, (a, b) -> {
      int[] c = Arrays.copyOf(a, a.length + 1);
      c[a.length] = id;
      return c;
    });
  }

}
