CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pgcrypto;--> statement-breakpoint
-- IMMUTABLE wrapper around unaccent (which is only STABLE) so that expression indexes can use it:
-- search without diacritics ("so thong tin" finds "Sở Thông tin"). The dictionary is named
-- explicitly with its schema so the result does not depend on search_path.
CREATE OR REPLACE FUNCTION canhgac_fold(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN lower(unaccent('unaccent'::regdictionary, input));
