/**
 * Sector implementation checks (docs/checks.md): a ministry (or the national operator) asks the
 * organisations of its sectors a set of questions by a due date, and the hub evaluates items it
 * can judge from its own data; the issuer sees who responded, who complies and who is late.
 */
package io.haetae.server.checks;
