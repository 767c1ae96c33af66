import { isIP } from 'node:net';
import type pg from 'pg';
import { actorLabel } from '../../../platform/actor.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { CommandScope } from '../../audit/command.ts';
import { addComponent } from '../../constituency/systems/commands/index.ts';

export type AssignInput = { systemId: string; addAsComponent?: boolean };
export type AssignResult = { moved: number; merged: number; componentId: string | null };

/**
 * Status precedence when a queued finding meets the same fingerprint already on the system: the
 * one that asks more of the owner wins (open before in remediation before claimed fixed before
 * risk accepted before false positive before verified).
 */
const WORSE_FIRST = ['open', 'in-remediation', 'fixed-claimed', 'risk-accepted', 'false-positive', 'verified'];

/**
 * Assigns a host of the unknown-assets queue to a system (#7): its queued findings move to the
 * system; one whose fingerprint the system already has merges into it (older first seen, newer
 * last seen, the worse status, its history moved). Optionally registers the host as a component
 * of the system (the systems module's command, audited there).
 */
export async function assignUnknownAsset(
  client: pg.PoolClient,
  scope: CommandScope,
  host: string,
  input: AssignInput,
): Promise<AssignResult> {
  const { ctx } = scope;
  const { rows: assets } = await client.query<{ host: string; hostIp: string | null; assigned: string | null }>(
    `SELECT host, host_ip AS "hostIp", assigned_system_id AS assigned FROM unknown_assets WHERE host = $1 FOR UPDATE`,
    [host],
  );
  const asset = assets[0];
  if (!asset) throw notFound();
  if (asset.assigned) throw new AppError(409, 'scans_asset_assigned');
  const { rows: systems } = await client.query<{ ownerOrgId: string }>(
    'SELECT owner_org_id AS "ownerOrgId" FROM information_systems WHERE id = $1',
    [input.systemId],
  );
  const system = systems[0];
  if (!system) throw new AppError(400, 'scans_assign_system_unknown');
  const now = ctx.clock.now();
  const actor = actorLabel(ctx.actor);
  const rank = `array_position($3::text[], %s)`;
  const merged = await client.query(
    `WITH pairs AS (
       SELECT q.id AS qid, t.id AS tid, q.status AS qstatus, q.first_seen_at AS qfirst, q.last_seen_at AS qlast,
              q.last_scan_id AS qscan
         FROM findings q JOIN findings t ON t.fingerprint = q.fingerprint AND t.system_id = $2
        WHERE q.system_id IS NULL AND q.host = $1
     ), upd AS (
       UPDATE findings t SET
         first_seen_at = least(t.first_seen_at, p.qfirst),
         last_seen_at = greatest(t.last_seen_at, p.qlast),
         last_scan_id = CASE WHEN p.qlast > t.last_seen_at THEN p.qscan ELSE t.last_scan_id END,
         status = CASE WHEN ${rank.replace('%s', 'p.qstatus')} < ${rank.replace('%s', 't.status')} THEN p.qstatus ELSE t.status END
       FROM pairs p WHERE t.id = p.tid RETURNING p.qid, p.tid
     ), ev AS (
       UPDATE finding_events e SET finding_id = u.tid FROM upd u WHERE e.finding_id = u.qid
     )
     DELETE FROM findings d USING upd u WHERE d.id = u.qid RETURNING d.id`,
    [host, input.systemId, WORSE_FIRST],
  );
  const moved = await client.query(
    `UPDATE findings SET system_id = $2 WHERE system_id IS NULL AND host = $1 RETURNING id`,
    [host, input.systemId],
  );
  await client.query(
    `INSERT INTO finding_events (finding_id, kind, actor, reason, at)
     SELECT id, 'assigned', $2, $3, $4 FROM unnest($1::uuid[]) AS t(id)`,
    [moved.rows.map((r: { id: string }) => r.id), actor, `unknown-asset:${host}`, now],
  );
  await client.query(
    'UPDATE unknown_assets SET assigned_system_id = $2, assigned_by = $3, assigned_at = $4 WHERE host = $1',
    [host, input.systemId, actor, now],
  );
  let componentId: string | null = null;
  if (input.addAsComponent) {
    const ip = asset.hostIp ?? (isIP(host) ? host : null);
    const c = await addComponent(scope, input.systemId, ip ? { kind: 'host', ip } : { kind: 'host', fqdn: host });
    componentId = c.id;
  }
  scope.audit({
    action: 'scans.unknown_asset.assign',
    subjectType: 'unknown_asset',
    subjectId: null,
    organisationId: system.ownerOrgId,
    detail: { host, systemId: input.systemId, moved: moved.rowCount ?? 0, merged: merged.rowCount ?? 0, componentId },
  });
  return { moved: moved.rowCount ?? 0, merged: merged.rowCount ?? 0, componentId };
}
