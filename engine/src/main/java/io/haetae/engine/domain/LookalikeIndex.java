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
 * domain: its label against the protected labels and their typo permutations (dnstwist's
 * fuzzers, precomputed), its confusable skeleton against the protected skeletons (IDNs only),
 * its substrings against the brand labels (combosquatting), its subdomain labels against the
 * protected domains. Nothing loops over the protected names per observed domain.
 *
 * <p>The permutations (some 300 per name) are stored as packed longs: 39 bits of the variant's
 * hash, 20 bits of protected-name number, 4 bits of technique; a hit is confirmed by an edit
 * distance of at most 2 to the protected label, so a hash collision cannot raise a match.
 * An owner's own domains never match for that owner.
 */
public final class LookalikeIndex {

  private static final int DIRECTORY_BITS = 20;
  private static final int HASH_BITS = 39;
  private static final int MIN_TYPO_LABEL = 4;
  private static final int MIN_CONTAINED_ASCII = 4;
  private static final ThreadLocal<SpoofChecker> SPOOF = ThreadLocal.withInitial(
      () -> new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build());

  private final ProtectedName[] names;
  private final Map<String, int[]> byLabel;
  private final Map<String, int[]> byDomain;
  private final Map<String, int[]> bySkeleton;
  private final Map<String, Set<String>> ownersOf;
  private final long[] variants;
  private final int[] directory;
  private final LabelHashes contained;
  private final DomainNames normaliser;

  private LookalikeIndex(Builder b) {
    this.normaliser = b.normaliser;
    this.names = b.names.toArray(ProtectedName[]::new);
    this.byLabel = new HashMap<>();
    this.byDomain = new HashMap<>();
    this.bySkeleton = new HashMap<>();
    this.ownersOf = b.own;
    var packed = new LongList(names.length * 320);
    for (int id = 0; id < names.length; id++) {
      ProtectedName p = names[id];
      add(byLabel, p.label(), id);
      if (!p.brand()) add(byDomain, p.name(), id);
      add(bySkeleton, skeleton(p.label()), id);
      if (isAscii(p.label()) && p.label().length() >= MIN_TYPO_LABEL) {
        final int pid = id;
        Permutations.generate(p.label(), (variant, t) -> packed.add(pack(variant, pid, t)));
      }
    }
    this.variants = packed.sortedDistinct();
    this.directory = directory(variants);
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

  /** Bytes held by the permutation table and its directory (the bulk of the index). */
  public long variantBytes() {
    return variants.length * 8L + directory.length * 4L;
  }

  public int variantCount() {
    return variants.length;
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
    if (asciiLabel) typos(label, d, found, null);
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

  /** Typo permutations of protected labels equal to {@code label}; via is the skeleton path's note. */
  private void typos(String label, DomainName d, Found found, String via) {
    long h = variantHash(label);
    int bucket = (int) (h >>> (HASH_BITS - DIRECTORY_BITS));
    for (int i = directory[bucket], end = directory[bucket + 1]; i < end; i++) {
      long e = variants[i];
      if ((e >>> 24) != h) continue;
      int id = (int) ((e >>> 4) & 0xFFFFF);
      Technique t = Technique.values()[(int) (e & 0xF)];
      ProtectedName p = names[id];
      if (p.label().equals(label) || Edits.distance(label, p.label(), 2) > 2) continue;
      var reasons = new ArrayList<String>();
      reasons.add(t.id() + " of '" + p.label() + "': '" + label + "'");
      int score = t.baseScore();
      if (via != null) reasons.add(via);
      if (p.label().length() <= 5) {
        score -= 15;
        reasons.add("short name: chance look-alikes are common");
      }
      if (!p.brand() && d.suffix().equals(p.name().substring(p.name().indexOf('.') + 1))) {
        score += 10;
        reasons.add("same suffix ." + d.suffix());
      }
      found.add(id, t, score, reasons);
    }
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
    if (isAscii(skeleton) && ids == null) typos(skeleton, d, found, "after confusable mapping of '" + label + "' (" + scripts + ")");
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
    if (words == null && !wholeToken) return;
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
      } else {
        score = Technique.COMBOSQUATTING.baseScore() - 15;
        reasons.add("'" + brand + "' as a word beside others: " + label);
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
      typos(tokens[t], d, typoFound, null);
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

  private static long pack(String variant, int id, Technique t) {
    return (variantHash(variant) << 24) | ((long) id << 4) | t.ordinal();
  }

  /** HASH_BITS bits of the variant's hash: the packed long stays positive, so sorted order is unsigned order. */
  static long variantHash(String s) {
    long h = LabelHashes.FNV_OFFSET;
    for (int i = 0; i < s.length(); i++) h = LabelHashes.step(h, s.charAt(i));
    return LabelHashes.mix(h) >>> (64 - HASH_BITS);
  }

  private static int[] directory(long[] sorted) {
    int[] dir = new int[(1 << DIRECTORY_BITS) + 1];
    int shift = 24 + HASH_BITS - DIRECTORY_BITS;
    int i = 0;
    for (int b = 0; b < (1 << DIRECTORY_BITS); b++) {
      dir[b] = i;
      while (i < sorted.length && (int) (sorted[i] >>> shift) == b) i++;
    }
    dir[1 << DIRECTORY_BITS] = sorted.length;
    return dir;
  }

  /** A growable long array. */
  private static final class LongList {
    private long[] a;
    private int n;

    LongList(int capacity) {
      a = new long[Math.max(16, capacity)];
    }

    void add(long v) {
      if (n == a.length) a = Arrays.copyOf(a, a.length * 2);
      a[n++] = v;
    }

    long[] sortedDistinct() {
      Arrays.parallelSort(a, 0, n);
      int w = 0;
      for (int r = 0; r < n; r++) if (w == 0 || a[w - 1] != a[r]) a[w++] = a[r];
      long[] out = Arrays.copyOf(a, w);
      a = null;
      return out;
    }
  }
}
