/**
 * The public small-business self-check (docs/self-check.md): a questionnaire on the NIST CSF 2.0
 * functions, scored from the answers and capped by evidence (an uploaded SBOM or lockfiles
 * matched against the knowledge base), with an ordered plan; anonymous aggregates for operators.
 */
package io.haetae.server.selfcheck;
