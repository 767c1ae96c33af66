import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.ts';
import { hasRole } from '../../platform/access.ts';
import type { Principal } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';

/**
 * A file attached to an object follows that object's rules, not the generic "uploader and incident
 * handlers" rule: incident evidence is read only through the evidence download (TLP and chain of
 * custody: every access is recorded there), and a report's attachment only by who may read the
 * report (the IR team, and the reporting organisation).
 */
export async function authorizeAttachedFile(db: Queryable, p: Principal, fileId: string): Promise<void> {
  const r = await db.execute<{ evidence: boolean; report_orgs: (string | null)[] | null }>(sql`
    SELECT EXISTS (SELECT 1 FROM evidence WHERE file_id = ${fileId}) AS evidence,
           (SELECT array_agg(r.reporter_org_id) FROM report_files f JOIN reports r ON r.id = f.report_id
             WHERE f.file_id = ${fileId}) AS report_orgs`);
  const row = r.rows[0];
  if (!row) return;
  if (row.evidence) throw notFound();
  if (!row.report_orgs) return;
  if (hasRole(p, 'admin', 'coordinator', 'responder')) return;
  if (row.report_orgs.includes(p.organisationId)) return;
  throw notFound();
}
