import { z } from 'zod';
import { FINDING_SEVERITIES } from '../../../formats/scans/types.ts';
import { FINDING_STATUSES } from '../tables.ts';
import { type ScanVisibility, systemVisibleSql } from './policy.ts';

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

/** Server-side filters of the findings list (and of a bulk action by filter). */
export const findingFilter = z.strictObject({
  systemId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  status: list(FINDING_STATUSES).optional(),
  severity: list(FINDING_SEVERITIES).optional(),
  tool: z.string().max(100).optional(),
  host: z.string().max(255).optional(),
  cve: z.string().max(30).optional(),
  q: z.string().max(200).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** only the unknown-assets queue's findings (no system yet; IR team) */
  unassigned: z.enum(['true', 'false']).optional(),
  firstSeenFrom: z.coerce.date().optional(),
  firstSeenTo: z.coerce.date().optional(),
  lastSeenFrom: z.coerce.date().optional(),
  lastSeenTo: z.coerce.date().optional(),
});
export type FindingFilter = z.infer<typeof findingFilter>;

/** The WHERE clause (over `findings f`) of a filter for a caller, with its parameters. */
export function findingWhere(filter: FindingFilter, vis: ScanVisibility, now: Date) {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (!vis.all) where.push(systemVisibleSql('f.system_id', `${p(vis.organisationId)}::uuid`));
  if (filter.unassigned === 'true') where.push('f.system_id IS NULL');
  if (filter.systemId) where.push(`f.system_id = ${p(filter.systemId)}::uuid`);
  if (filter.organisationId) {
    const o = p(filter.organisationId);
    where.push(
      `f.system_id IN (SELECT id FROM information_systems WHERE owner_org_id = ${o}::uuid OR operator_org_id = ${o}::uuid)`,
    );
  }
  if (filter.status?.length) where.push(`f.status = ANY(${p(filter.status)}::text[])`);
  if (filter.severity?.length) where.push(`f.severity = ANY(${p(filter.severity)}::text[])`);
  if (filter.tool) where.push(`(f.tool ILIKE ${p(filter.tool)} OR f.family = lower(${p(filter.tool)}))`);
  if (filter.host) {
    const h = p(filter.host.toLowerCase());
    where.push(`(f.host = ${h} OR f.host_ip = ${h} OR lower(f.host_name) = ${h})`);
  }
  if (filter.cve) where.push(`${p(filter.cve.toUpperCase())} = ANY(f.cves)`);
  if (filter.q) {
    const like = p(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(f.title ILIKE ${like} OR f.plugin_id ILIKE ${like} OR f.url ILIKE ${like})`);
  }
  if (filter.overdue === 'true')
    where.push(`f.status IN ('open','in-remediation','fixed-claimed') AND f.sla_due_at < ${p(now)}::timestamptz`);
  if (filter.firstSeenFrom) where.push(`f.first_seen_at >= ${p(filter.firstSeenFrom)}::timestamptz`);
  if (filter.firstSeenTo) where.push(`f.first_seen_at < ${p(filter.firstSeenTo)}::timestamptz`);
  if (filter.lastSeenFrom) where.push(`f.last_seen_at >= ${p(filter.lastSeenFrom)}::timestamptz`);
  if (filter.lastSeenTo) where.push(`f.last_seen_at < ${p(filter.lastSeenTo)}::timestamptz`);
  return { sql: where.length ? where.join(' AND ') : 'true', params, p };
}
