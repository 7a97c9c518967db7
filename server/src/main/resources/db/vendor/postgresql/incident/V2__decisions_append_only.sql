-- PostgreSQL only (db/vendor/postgresql): a decision of an incident case cannot be changed or
-- removed, not even by a statement written by hand in psql (docs/incidents.md). The hub itself
-- never updates or deletes one; on H2 that is the only guard.
CREATE FUNCTION incident_decision_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'incident decisions are append-only: % refused', TG_OP;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER incident_decision_append_only BEFORE UPDATE OR DELETE ON incident_decision
  FOR EACH ROW EXECUTE FUNCTION incident_decision_append_only();
