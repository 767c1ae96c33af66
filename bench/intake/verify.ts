// After a run: every external id the server answered 2xx is stored exactly once, acknowledged
// (acknowledged_at and the acknowledgement notification), with its audit entry; nothing is stored
// twice for one external id.
import type pg from 'pg';

export type Verdict = {
  accepted: number;
  /** accepted ids with exactly one stored report */
  storedOnce: number;
  /** accepted ids with no report */
  missing: string[];
  /** external ids (of this run) stored more than once */
  duplicated: number;
  /** reports of this run, accepted or not (a commit whose answer the kill swallowed is fine) */
  storedTotal: number;
  unacknowledged: number;
  withoutNotification: number;
  withoutAudit: number;
  ok: boolean;
};

export async function verifyIntake(pool: pg.Pool, prefix: string, accepted: Iterable<string>): Promise<Verdict> {
  const ids = [...accepted];
  const like = `${prefix.replace(/[\\%_]/g, '\\$&')}-%`;
  const per = await pool.query<{ external_id: string; n: number }>(
    `SELECT a.id AS external_id, count(r.id)::int AS n
       FROM unnest($1::text[]) AS a(id) LEFT JOIN reports r ON r.external_id = a.id
      GROUP BY a.id`,
    [ids],
  );
  const missing = per.rows.filter((r) => r.n === 0).map((r) => r.external_id);
  const storedOnce = per.rows.filter((r) => r.n === 1).length;
  const totals = await pool.query<{
    stored: number;
    duplicated: number;
    unacknowledged: number;
    without_notification: number;
    without_audit: number;
  }>(
    `WITH mine AS (SELECT * FROM reports WHERE external_id LIKE $1)
     SELECT (SELECT count(*)::int FROM mine) AS stored,
            (SELECT count(*)::int FROM (SELECT external_id FROM mine GROUP BY source, channel_key, external_id
                                         HAVING count(*) > 1) d) AS duplicated,
            (SELECT count(*)::int FROM mine WHERE acknowledged_at IS NULL) AS unacknowledged,
            (SELECT count(*)::int FROM mine m WHERE NOT EXISTS (
               SELECT 1 FROM notifications n
                WHERE n.template = 'incident.report.received' AND n.data->>'trackingNo' = m.tracking_no)) AS without_notification,
            (SELECT count(*)::int FROM mine m WHERE NOT EXISTS (
               SELECT 1 FROM audit_log l
                WHERE l.subject_type = 'report' AND l.subject_id = m.id::text AND l.action = 'incident.report.submit')) AS without_audit`,
    [like],
  );
  const t = totals.rows[0];
  const v: Verdict = {
    accepted: ids.length,
    storedOnce,
    missing: missing.slice(0, 20),
    duplicated: t?.duplicated ?? -1,
    storedTotal: t?.stored ?? -1,
    unacknowledged: t?.unacknowledged ?? -1,
    withoutNotification: t?.without_notification ?? -1,
    withoutAudit: t?.without_audit ?? -1,
    ok: false,
  };
  v.ok =
    missing.length === 0 &&
    storedOnce === ids.length &&
    v.duplicated === 0 &&
    v.unacknowledged === 0 &&
    v.withoutNotification === 0 &&
    v.withoutAudit === 0;
  return v;
}

/** After a webhook run: every alert answered 2xx is one `siem_alerts` row with an acknowledged report. */
export async function verifyWebhook(pool: pg.Pool, sourceId: string, accepted: Iterable<string>): Promise<Verdict> {
  const ids = [...accepted];
  const per = await pool.query<{ external_id: string; n: number; acked: number }>(
    `SELECT a.id AS external_id, count(s.id)::int AS n, count(r.acknowledged_at)::int AS acked
       FROM unnest($1::text[]) AS a(id)
       LEFT JOIN siem_alerts s ON s.source_id = $2 AND s.external_id = a.id
       LEFT JOIN reports r ON r.id = s.report_id
      GROUP BY a.id`,
    [ids, sourceId],
  );
  const missing = per.rows.filter((r) => r.n === 0).map((r) => r.external_id);
  const storedOnce = per.rows.filter((r) => r.n === 1).length;
  const t = (
    await pool.query<{ stored: number; duplicated: number; without_audit: number }>(
      `SELECT (SELECT count(*)::int FROM siem_alerts WHERE source_id = $1) AS stored,
              (SELECT count(*)::int FROM (SELECT 1 FROM siem_alerts WHERE source_id = $1
                                           GROUP BY external_id HAVING count(*) > 1) d) AS duplicated,
              (SELECT count(*)::int FROM reports r WHERE r.channel_key = 'webhook:' || $1 AND NOT EXISTS (
                 SELECT 1 FROM audit_log l WHERE l.subject_type = 'report' AND l.subject_id = r.id::text
                    AND l.action = 'incident.report.submit')) AS without_audit`,
      [sourceId],
    )
  ).rows[0];
  const unacknowledged = per.rows.filter((r) => r.n > 0 && r.acked < r.n).length;
  const v: Verdict = {
    accepted: ids.length,
    storedOnce,
    missing: missing.slice(0, 20),
    duplicated: t?.duplicated ?? -1,
    storedTotal: t?.stored ?? -1,
    unacknowledged,
    // the webhook channel names no one to notify: the acknowledgement is the 2xx answer itself
    withoutNotification: 0,
    withoutAudit: t?.without_audit ?? -1,
    ok: false,
  };
  v.ok =
    missing.length === 0 &&
    storedOnce === ids.length &&
    v.duplicated === 0 &&
    unacknowledged === 0 &&
    v.withoutAudit === 0;
  return v;
}
