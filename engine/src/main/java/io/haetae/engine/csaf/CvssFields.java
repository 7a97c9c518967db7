package io.haetae.engine.csaf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties of FIRST's CVSS v2 and v3.x JSON objects and the vector metric each one
 * restates (CSAF 2.0 test 6.1.10): {@code attackVector} is {@code AV}, and {@code AV:N} reads
 * {@code NETWORK}. Like secvisogram, only the metrics the vector states are compared.
 */
final class CvssFields {

  record Field(String key, Map<String, String> values) {}

  static final Map<String, Field> V3 = new LinkedHashMap<>();
  static final Map<String, Field> V2 = new LinkedHashMap<>();

  private CvssFields() {}

  private static Map<String, String> values(String... pairs) {
    var m = new LinkedHashMap<String, String>();
    for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
    return m;
  }

  static {
    var av = values("N", "NETWORK", "A", "ADJACENT_NETWORK", "L", "LOCAL", "P", "PHYSICAL");
    var lh = values("L", "LOW", "H", "HIGH");
    var nlh = values("N", "NONE", "L", "LOW", "H", "HIGH");
    var nr = values("N", "NONE", "R", "REQUIRED");
    var uc = values("U", "UNCHANGED", "C", "CHANGED");
    var req = values("X", "NOT_DEFINED", "L", "LOW", "M", "MEDIUM", "H", "HIGH");
    V3.put("attackVector", new Field("AV", av));
    V3.put("attackComplexity", new Field("AC", lh));
    V3.put("privilegesRequired", new Field("PR", nlh));
    V3.put("userInteraction", new Field("UI", nr));
    V3.put("scope", new Field("S", uc));
    V3.put("confidentialityImpact", new Field("C", nlh));
    V3.put("integrityImpact", new Field("I", nlh));
    V3.put("availabilityImpact", new Field("A", nlh));
    V3.put("exploitCodeMaturity", new Field("E", values("X", "NOT_DEFINED", "U", "UNPROVEN", "P", "PROOF_OF_CONCEPT",
        "F", "FUNCTIONAL", "H", "HIGH")));
    V3.put("remediationLevel", new Field("RL", values("X", "NOT_DEFINED", "O", "OFFICIAL_FIX", "T", "TEMPORARY_FIX",
        "W", "WORKAROUND", "U", "UNAVAILABLE")));
    V3.put("reportConfidence", new Field("RC", values("X", "NOT_DEFINED", "U", "UNKNOWN", "R", "REASONABLE", "C", "CONFIRMED")));
    V3.put("confidentialityRequirement", new Field("CR", req));
    V3.put("integrityRequirement", new Field("IR", req));
    V3.put("availabilityRequirement", new Field("AR", req));
    V3.put("modifiedAttackVector", new Field("MAV", with(av)));
    V3.put("modifiedAttackComplexity", new Field("MAC", with(lh)));
    V3.put("modifiedPrivilegesRequired", new Field("MPR", with(nlh)));
    V3.put("modifiedUserInteraction", new Field("MUI", with(nr)));
    V3.put("modifiedScope", new Field("MS", with(uc)));
    V3.put("modifiedConfidentialityImpact", new Field("MC", with(nlh)));
    V3.put("modifiedIntegrityImpact", new Field("MI", with(nlh)));
    V3.put("modifiedAvailabilityImpact", new Field("MA", with(nlh)));

    var npc = values("N", "NONE", "P", "PARTIAL", "C", "COMPLETE");
    var v2req = values("L", "LOW", "M", "MEDIUM", "H", "HIGH", "ND", "NOT_DEFINED");
    V2.put("accessVector", new Field("AV", values("L", "LOCAL", "A", "ADJACENT_NETWORK", "N", "NETWORK")));
    V2.put("accessComplexity", new Field("AC", values("H", "HIGH", "M", "MEDIUM", "L", "LOW")));
    V2.put("authentication", new Field("Au", values("M", "MULTIPLE", "S", "SINGLE", "N", "NONE")));
    V2.put("confidentialityImpact", new Field("C", npc));
    V2.put("integrityImpact", new Field("I", npc));
    V2.put("availabilityImpact", new Field("A", npc));
    V2.put("exploitability", new Field("E", values("U", "UNPROVEN", "POC", "PROOF_OF_CONCEPT", "F", "FUNCTIONAL", "H", "HIGH",
        "ND", "NOT_DEFINED")));
    V2.put("remediationLevel", new Field("RL", values("OF", "OFFICIAL_FIX", "TF", "TEMPORARY_FIX", "W", "WORKAROUND",
        "U", "UNAVAILABLE", "ND", "NOT_DEFINED")));
    V2.put("reportConfidence", new Field("RC", values("UC", "UNCONFIRMED", "UR", "UNCORROBORATED", "C", "CONFIRMED",
        "ND", "NOT_DEFINED")));
    V2.put("collateralDamagePotential", new Field("CDP", values("N", "NONE", "L", "LOW", "LM", "LOW_MEDIUM", "MH", "MEDIUM_HIGH",
        "H", "HIGH", "ND", "NOT_DEFINED")));
    V2.put("targetDistribution", new Field("TD", values("N", "NONE", "L", "LOW", "M", "MEDIUM", "H", "HIGH", "ND", "NOT_DEFINED")));
    V2.put("confidentialityRequirement", new Field("CR", v2req));
    V2.put("integrityRequirement", new Field("IR", v2req));
    V2.put("availabilityRequirement", new Field("AR", v2req));
  }

  private static Map<String, String> with(Map<String, String> base) {
    var m = new LinkedHashMap<String, String>();
    m.put("X", "NOT_DEFINED");
    m.putAll(base);
    return m;
  }
}
