import { sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/database.ts';
import { REPORT_SOURCES, type ReportSource, type ReportStatus } from '../../../shared/vocabulary.ts';
import { type IntakeStats, STATS_DAYS } from './schemas.ts';

const ZONE = 'Asia/Ho_Chi_Minh';

/** YYYY-MM-DD of an instant in Vietnam. */
function vietnamDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );
}

/** The window's Vietnam days, oldest first, ending today. */
function windowDays(now: Date): string[] {
  const today = vietnamDay(now);
  const base = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: STATS_DAYS }, (_, i) =>
    new Date(base - (STATS_DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * Intake by channel and day over the last 30 Vietnam days, the triage queue's depth and the window's
 * outcomes — counted in PostgreSQL, one grouped query each, for the IR team's statistics page.
 */
export async function intakeStats(q: Queryable, now: Date): Promise<IntakeStats> {
  const days = windowDays(now);
  // Vietnam has no daylight saving: midnight there is 17:00 UTC the day before.
  const from = new Date(Date.parse(`${days[0]}T00:00:00+07:00`));
  const perDay = await q.execute<{ day: string; source: ReportSource; n: number }>(sql`
    SELECT to_char((received_at AT TIME ZONE ${ZONE})::date, 'YYYY-MM-DD') AS day, source, count(*)::int AS n
      FROM reports WHERE received_at >= ${from} GROUP BY 1, 2`);
  const perStatus = await q.execute<{ status: ReportStatus; n: number }>(sql`
    SELECT status, count(*)::int AS n FROM reports WHERE received_at >= ${from} GROUP BY 1`);
  const queue = await q.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM reports WHERE status = 'new'`);
  const resent = await q.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM audit_log WHERE created_at >= ${from} AND action = 'incident.report.resubmit'`);

  const index = new Map(days.map((d, i) => [d, i]));
  const series = REPORT_SOURCES.map((source) => ({ source, counts: days.map(() => 0) }));
  for (const r of perDay.rows) {
    const i = index.get(r.day);
    const s = series.find((x) => x.source === r.source);
    if (i !== undefined && s) s.counts[i] = r.n;
  }
  const status = (k: ReportStatus) => perStatus.rows.find((r) => r.status === k)?.n ?? 0;
  return {
    days,
    series,
    queueDepth: queue.rows[0]?.n ?? 0,
    totals: {
      received: perStatus.rows.reduce((sum, r) => sum + r.n, 0),
      logged: status('logged'),
      accepted: status('accepted'),
      duplicate: status('duplicate'),
      spam: status('spam'),
      notIncident: status('not-incident'),
      resent: resent.rows[0]?.n ?? 0,
    },
  };
}
