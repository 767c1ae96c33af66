-- The incidents dashboard's roll-ups (src/modules/incidents/dashboard/tables.ts) are kept by triggers,
-- not by the commands: every write to incidents, incident_organisations or incident_tasks counts —
-- commands, merges and splits, imports, fixes made in SQL — and no command can forget it. Each trigger
-- takes the changed rows' old contribution away and adds the new one, in the writing transaction.
-- Limit: one statement must not change two of these tables for the same incident (a data-modifying
-- CTE); the application never does.

-- The organisations an incident counts for: its owner and every linked one, once each.
CREATE FUNCTION canhgac_incident_orgs(inc_id uuid, owner uuid) RETURNS uuid[] LANGUAGE sql STABLE AS $$
  SELECT array_agg(o ORDER BY o) FROM (
    SELECT owner AS o UNION SELECT l.organisation_id FROM incident_organisations l WHERE l.incident_id = inc_id) x
$$;
--> statement-breakpoint
-- Adds (sign 1) or removes (sign -1) one incident's contribution for the given organisations.
CREATE FUNCTION canhgac_dashboard_apply(inc incidents, orgs uuid[], sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tta numeric := extract(epoch FROM inc.triaged_at - inc.reported_at);
  ttr numeric := extract(epoch FROM inc.resolved_at - inc.reported_at);
BEGIN
  IF inc.tlp = 'red' OR cardinality(orgs) IS NULL OR cardinality(orgs) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO incident_daily_counts AS c
    (day, organisation_id, owner_id, tlp, type_code, incidents, triaged, tta_seconds, resolved, ttr_seconds)
  SELECT (inc.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, u.o, inc.organisation_id, inc.tlp, inc.type_code,
    sign, CASE WHEN tta IS NULL THEN 0 ELSE sign END, coalesce(tta, 0) * sign,
    CASE WHEN ttr IS NULL THEN 0 ELSE sign END, coalesce(ttr, 0) * sign
  FROM unnest(orgs) AS u(o) ORDER BY u.o
  ON CONFLICT (day, organisation_id, owner_id, tlp, type_code) DO UPDATE SET
    incidents = c.incidents + excluded.incidents, triaged = c.triaged + excluded.triaged,
    tta_seconds = c.tta_seconds + excluded.tta_seconds, resolved = c.resolved + excluded.resolved,
    ttr_seconds = c.ttr_seconds + excluded.ttr_seconds;
  IF inc.status NOT IN ('new', 'triage', 'containment', 'eradication', 'recovery') THEN
    RETURN;
  END IF;
  INSERT INTO incident_open_counts AS c (organisation_id, owner_id, tlp, severity, incidents)
  SELECT u.o, inc.organisation_id, inc.tlp, inc.severity, sign FROM unnest(orgs) AS u(o) ORDER BY u.o
  ON CONFLICT (organisation_id, owner_id, tlp, severity) DO UPDATE SET incidents = c.incidents + excluded.incidents;
  INSERT INTO incident_open_task_counts AS c (due_day, organisation_id, owner_id, tlp, tasks)
  SELECT t.due_day, u.o, inc.organisation_id, inc.tlp, t.n * sign
  FROM (SELECT (k.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS due_day, count(*)::int AS n
        FROM incident_tasks k
        WHERE k.incident_id = inc.id AND k.status IN ('open', 'in-progress') AND k.due_at IS NOT NULL
        GROUP BY 1) t
  CROSS JOIN unnest(orgs) AS u(o)
  ORDER BY 1, 2
  ON CONFLICT (due_day, organisation_id, owner_id, tlp) DO UPDATE SET tasks = c.tasks + excluded.tasks;
END $$;
--> statement-breakpoint
-- A new incident has no links or tasks yet: their own triggers add them.
CREATE FUNCTION canhgac_dashboard_incidents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM canhgac_dashboard_apply(NEW, ARRAY[NEW.organisation_id], 1);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM canhgac_dashboard_apply(OLD, canhgac_incident_orgs(OLD.id, OLD.organisation_id), -1);
    PERFORM canhgac_dashboard_apply(NEW, canhgac_incident_orgs(NEW.id, NEW.organisation_id), 1);
  ELSE
    PERFORM canhgac_dashboard_apply(OLD, canhgac_incident_orgs(OLD.id, OLD.organisation_id), -1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER incidents_dashboard_insert AFTER INSERT ON incidents
  FOR EACH ROW EXECUTE FUNCTION canhgac_dashboard_incidents();
--> statement-breakpoint
CREATE TRIGGER incidents_dashboard_update AFTER UPDATE ON incidents
  FOR EACH ROW WHEN (
    OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id
    OR OLD.tlp IS DISTINCT FROM NEW.tlp OR OLD.type_code IS DISTINCT FROM NEW.type_code
    OR OLD.status IS DISTINCT FROM NEW.status OR OLD.severity IS DISTINCT FROM NEW.severity
    OR OLD.reported_at IS DISTINCT FROM NEW.reported_at OR OLD.triaged_at IS DISTINCT FROM NEW.triaged_at
    OR OLD.resolved_at IS DISTINCT FROM NEW.resolved_at)
  EXECUTE FUNCTION canhgac_dashboard_incidents();
--> statement-breakpoint
CREATE TRIGGER incidents_dashboard_delete AFTER DELETE ON incidents
  FOR EACH ROW EXECUTE FUNCTION canhgac_dashboard_incidents();
--> statement-breakpoint
-- Links per statement (transition tables): an organisation linked twice (two relations) counts once,
-- also when both links arrive in one statement. Only organisations whose membership changed move.
CREATE FUNCTION canhgac_dashboard_links() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  added jsonb := '[]';
  removed jsonb := '[]';
  r record;
  inc incidents;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT coalesce(jsonb_agg(to_jsonb(n)), '[]') INTO added FROM new_links n;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    SELECT coalesce(jsonb_agg(to_jsonb(o)), '[]') INTO removed FROM old_links o;
  END IF;
  FOR r IN
    WITH a AS (SELECT * FROM jsonb_to_recordset(added) AS x(incident_id uuid, organisation_id uuid, relation text)),
    d AS (SELECT * FROM jsonb_to_recordset(removed) AS x(incident_id uuid, organisation_id uuid, relation text)),
    touched AS (SELECT a.incident_id, a.organisation_id FROM a UNION SELECT d.incident_id, d.organisation_id FROM d),
    flags AS (
      SELECT t.incident_id, t.organisation_id,
        (t.organisation_id = i.organisation_id
          OR EXISTS (SELECT 1 FROM incident_organisations l
                     WHERE l.incident_id = t.incident_id AND l.organisation_id = t.organisation_id
                       AND NOT EXISTS (SELECT 1 FROM a WHERE a.incident_id = l.incident_id
                                         AND a.organisation_id = l.organisation_id AND a.relation = l.relation))
          OR EXISTS (SELECT 1 FROM d WHERE d.incident_id = t.incident_id AND d.organisation_id = t.organisation_id)) AS was_in,
        (t.organisation_id = i.organisation_id
          OR EXISTS (SELECT 1 FROM incident_organisations l
                     WHERE l.incident_id = t.incident_id AND l.organisation_id = t.organisation_id)) AS now_in
      FROM touched t JOIN incidents i ON i.id = t.incident_id)
    SELECT f.incident_id,
      coalesce(array_agg(f.organisation_id ORDER BY f.organisation_id) FILTER (WHERE f.was_in AND NOT f.now_in), '{}') AS gone,
      coalesce(array_agg(f.organisation_id ORDER BY f.organisation_id) FILTER (WHERE f.now_in AND NOT f.was_in), '{}') AS came
    FROM flags f GROUP BY f.incident_id ORDER BY f.incident_id
  LOOP
    SELECT * INTO inc FROM incidents WHERE id = r.incident_id;
    PERFORM canhgac_dashboard_apply(inc, r.gone, -1);
    PERFORM canhgac_dashboard_apply(inc, r.came, 1);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER incident_organisations_dashboard_insert AFTER INSERT ON incident_organisations
  REFERENCING NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION canhgac_dashboard_links();
--> statement-breakpoint
CREATE TRIGGER incident_organisations_dashboard_update AFTER UPDATE ON incident_organisations
  REFERENCING OLD TABLE AS old_links NEW TABLE AS new_links FOR EACH STATEMENT EXECUTE FUNCTION canhgac_dashboard_links();
--> statement-breakpoint
CREATE TRIGGER incident_organisations_dashboard_delete AFTER DELETE ON incident_organisations
  REFERENCING OLD TABLE AS old_links FOR EACH STATEMENT EXECUTE FUNCTION canhgac_dashboard_links();
--> statement-breakpoint
-- One open task with a due time, counted on its open, non-RED incident for every organisation of it.
CREATE FUNCTION canhgac_dashboard_task(inc_id uuid, due timestamptz, sign int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  inc incidents;
BEGIN
  SELECT * INTO inc FROM incidents WHERE id = inc_id;
  IF NOT FOUND OR inc.tlp = 'red' OR inc.status NOT IN ('new', 'triage', 'containment', 'eradication', 'recovery') THEN
    RETURN;
  END IF;
  INSERT INTO incident_open_task_counts AS c (due_day, organisation_id, owner_id, tlp, tasks)
  SELECT (due AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, u.o, inc.organisation_id, inc.tlp, sign
  FROM unnest(canhgac_incident_orgs(inc.id, inc.organisation_id)) AS u(o) ORDER BY u.o
  ON CONFLICT (due_day, organisation_id, owner_id, tlp) DO UPDATE SET tasks = c.tasks + excluded.tasks;
END $$;
--> statement-breakpoint
CREATE FUNCTION canhgac_dashboard_tasks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    IF OLD.status IN ('open', 'in-progress') AND OLD.due_at IS NOT NULL THEN
      PERFORM canhgac_dashboard_task(OLD.incident_id, OLD.due_at, -1);
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF NEW.status IN ('open', 'in-progress') AND NEW.due_at IS NOT NULL THEN
      PERFORM canhgac_dashboard_task(NEW.incident_id, NEW.due_at, 1);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER incident_tasks_dashboard_insert AFTER INSERT ON incident_tasks
  FOR EACH ROW EXECUTE FUNCTION canhgac_dashboard_tasks();
--> statement-breakpoint
CREATE TRIGGER incident_tasks_dashboard_update AFTER UPDATE ON incident_tasks
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.due_at IS DISTINCT FROM NEW.due_at
    OR OLD.incident_id IS DISTINCT FROM NEW.incident_id)
  EXECUTE FUNCTION canhgac_dashboard_tasks();
--> statement-breakpoint
CREATE TRIGGER incident_tasks_dashboard_delete AFTER DELETE ON incident_tasks
  FOR EACH ROW EXECUTE FUNCTION canhgac_dashboard_tasks();
--> statement-breakpoint
-- The roll-ups recomputed from scratch: the backfill below, bulk loads that skip triggers (the
-- benchmark seed), and after a TRUNCATE of a source table.
CREATE FUNCTION canhgac_dashboard_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM incident_daily_counts;
  DELETE FROM incident_open_counts;
  DELETE FROM incident_open_task_counts;
  CREATE TEMP TABLE canhgac_rollup_orgs ON COMMIT DROP AS
    SELECT i.id AS incident_id, i.organisation_id AS o FROM incidents i WHERE i.tlp <> 'red'
    UNION
    SELECT l.incident_id, l.organisation_id FROM incident_organisations l JOIN incidents i ON i.id = l.incident_id
    WHERE i.tlp <> 'red';
  INSERT INTO incident_daily_counts
    (day, organisation_id, owner_id, tlp, type_code, incidents, triaged, tta_seconds, resolved, ttr_seconds)
  SELECT (i.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, x.o, i.organisation_id, i.tlp, i.type_code,
    count(*), count(t.tta), coalesce(sum(t.tta), 0), count(t.ttr), coalesce(sum(t.ttr), 0)
  FROM canhgac_rollup_orgs x JOIN incidents i ON i.id = x.incident_id
  CROSS JOIN LATERAL (SELECT extract(epoch FROM i.triaged_at - i.reported_at) AS tta,
                             extract(epoch FROM i.resolved_at - i.reported_at) AS ttr) t
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO incident_open_counts (organisation_id, owner_id, tlp, severity, incidents)
  SELECT x.o, i.organisation_id, i.tlp, i.severity, count(*)
  FROM canhgac_rollup_orgs x JOIN incidents i ON i.id = x.incident_id
  WHERE i.status IN ('new', 'triage', 'containment', 'eradication', 'recovery')
  GROUP BY 1, 2, 3, 4;
  INSERT INTO incident_open_task_counts (due_day, organisation_id, owner_id, tlp, tasks)
  SELECT (k.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, x.o, i.organisation_id, i.tlp, count(*)
  FROM canhgac_rollup_orgs x JOIN incidents i ON i.id = x.incident_id
  JOIN incident_tasks k ON k.incident_id = i.id
  WHERE i.status IN ('new', 'triage', 'containment', 'eradication', 'recovery')
    AND k.status IN ('open', 'in-progress') AND k.due_at IS NOT NULL
  GROUP BY 1, 2, 3, 4;
  DROP TABLE canhgac_rollup_orgs;
END $$;
--> statement-breakpoint
CREATE FUNCTION canhgac_dashboard_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM canhgac_dashboard_rebuild();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER incidents_dashboard_truncate AFTER TRUNCATE ON incidents
  FOR EACH STATEMENT EXECUTE FUNCTION canhgac_dashboard_truncated();
--> statement-breakpoint
CREATE TRIGGER incident_organisations_dashboard_truncate AFTER TRUNCATE ON incident_organisations
  FOR EACH STATEMENT EXECUTE FUNCTION canhgac_dashboard_truncated();
--> statement-breakpoint
CREATE TRIGGER incident_tasks_dashboard_truncate AFTER TRUNCATE ON incident_tasks
  FOR EACH STATEMENT EXECUTE FUNCTION canhgac_dashboard_truncated();
--> statement-breakpoint
SELECT canhgac_dashboard_rebuild();
