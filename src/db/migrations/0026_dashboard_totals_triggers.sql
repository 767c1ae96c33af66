-- Once-per-incident totals (incident_daily_totals, incident_daily_owners, incident_open_task_totals)
-- beside the per-organisation roll-ups of 0021: the IR team's and viewers' dashboard sums a few
-- thousand rows instead of one per incident. The same triggers keep them; the functions are replaced.
CREATE OR REPLACE FUNCTION canhgac_dashboard_apply(inc incidents, orgs uuid[], sign int) RETURNS void LANGUAGE plpgsql AS $$
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
  -- the once-per-incident totals move with the owner's row (the link trigger never passes the owner)
  IF inc.organisation_id = ANY(orgs) THEN
    INSERT INTO incident_daily_totals AS c (day, tlp, type_code, incidents, triaged, tta_seconds, resolved, ttr_seconds)
    VALUES ((inc.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, inc.tlp, inc.type_code,
      sign, CASE WHEN tta IS NULL THEN 0 ELSE sign END, coalesce(tta, 0) * sign,
      CASE WHEN ttr IS NULL THEN 0 ELSE sign END, coalesce(ttr, 0) * sign)
    ON CONFLICT (day, tlp, type_code) DO UPDATE SET
      incidents = c.incidents + excluded.incidents, triaged = c.triaged + excluded.triaged,
      tta_seconds = c.tta_seconds + excluded.tta_seconds, resolved = c.resolved + excluded.resolved,
      ttr_seconds = c.ttr_seconds + excluded.ttr_seconds;
    INSERT INTO incident_daily_owners AS c (day, owner_id, tlp, incidents)
    VALUES ((inc.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, inc.organisation_id, inc.tlp, sign)
    ON CONFLICT (day, owner_id, tlp) DO UPDATE SET incidents = c.incidents + excluded.incidents;
  END IF;
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
  IF inc.organisation_id = ANY(orgs) THEN
    INSERT INTO incident_open_task_totals AS c (due_day, tlp, tasks)
    SELECT (k.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, inc.tlp, count(*)::int * sign
    FROM incident_tasks k
    WHERE k.incident_id = inc.id AND k.status IN ('open', 'in-progress') AND k.due_at IS NOT NULL
    GROUP BY 1 ORDER BY 1
    ON CONFLICT (due_day, tlp) DO UPDATE SET tasks = c.tasks + excluded.tasks;
  END IF;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION canhgac_dashboard_task(inc_id uuid, due timestamptz, sign int) RETURNS void LANGUAGE plpgsql AS $$
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
  INSERT INTO incident_open_task_totals AS c (due_day, tlp, tasks)
  VALUES ((due AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, inc.tlp, sign)
  ON CONFLICT (due_day, tlp) DO UPDATE SET tasks = c.tasks + excluded.tasks;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION canhgac_dashboard_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM incident_daily_counts;
  DELETE FROM incident_open_counts;
  DELETE FROM incident_open_task_counts;
  DELETE FROM incident_daily_totals;
  DELETE FROM incident_daily_owners;
  DELETE FROM incident_open_task_totals;
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
  INSERT INTO incident_daily_totals (day, tlp, type_code, incidents, triaged, tta_seconds, resolved, ttr_seconds)
  SELECT day, tlp, type_code, sum(incidents), sum(triaged), sum(tta_seconds), sum(resolved), sum(ttr_seconds)
  FROM incident_daily_counts WHERE organisation_id = owner_id GROUP BY 1, 2, 3;
  INSERT INTO incident_daily_owners (day, owner_id, tlp, incidents)
  SELECT day, owner_id, tlp, sum(incidents) FROM incident_daily_counts WHERE organisation_id = owner_id GROUP BY 1, 2, 3;
  INSERT INTO incident_open_task_totals (due_day, tlp, tasks)
  SELECT due_day, tlp, sum(tasks) FROM incident_open_task_counts WHERE organisation_id = owner_id GROUP BY 1, 2;
END $$;
--> statement-breakpoint
SELECT canhgac_dashboard_rebuild();
--> statement-breakpoint
ANALYZE incident_daily_counts, incident_open_counts, incident_open_task_counts, incident_daily_totals, incident_daily_owners, incident_open_task_totals;
