-- The ownership index (src/modules/constituency/networks/ownership-service.ts) is rebuilt by every
-- instance when this version moves: each statement changing what the index is built from takes the
-- next value and announces it on the canhgac_ownership channel (NOTIFY is delivered at commit). A
-- sequence, not a row: writers never wait on each other, and a rolled-back bump only costs a rebuild.
CREATE SEQUENCE IF NOT EXISTS canhgac_ownership_version;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION canhgac_bump_ownership_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('canhgac_ownership', nextval('canhgac_ownership_version')::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER network_ranges_ownership_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON network_ranges
  FOR EACH STATEMENT EXECUTE FUNCTION canhgac_bump_ownership_version();
--> statement-breakpoint
CREATE TRIGGER organisation_domains_ownership_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisation_domains
  FOR EACH STATEMENT EXECUTE FUNCTION canhgac_bump_ownership_version();
--> statement-breakpoint
CREATE TRIGGER system_components_ownership_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON system_components
  FOR EACH STATEMENT EXECUTE FUNCTION canhgac_bump_ownership_version();
--> statement-breakpoint
CREATE TRIGGER information_systems_ownership_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON information_systems
  FOR EACH STATEMENT EXECUTE FUNCTION canhgac_bump_ownership_version();
--> statement-breakpoint
-- Names and codes shown with each owner come from here.
CREATE TRIGGER organisations_ownership_version AFTER UPDATE OR DELETE ON organisations
  FOR EACH STATEMENT EXECUTE FUNCTION canhgac_bump_ownership_version();
