/**
 * Incident cases and the Incident Investigation and Review Committee (docs/incidents.md): an
 * organisation (or the national operator) opens a case; a case about an AI service convenes the
 * committee at once; the case keeps tasks, a timeline, append-only decisions, evidence with its
 * chain of custody, links to advisories and findings, and the NIS2 article 23 reporting clocks.
 */
package io.haetae.server.incident;
