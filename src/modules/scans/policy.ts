import { hasRole } from '../../platform/access.ts';
import type { Ctx } from '../../platform/actor.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * Who may import scans for which systems: the CLI (system actor), admins, coordinators and the IR
 * team for any system; members and member leads only for systems their organisation owns or
 * operates — their findings on any other host are not imported (the hosts are listed as unmatched).
 */
export type ImportRights = { all: true } | { all: false; organisationId: string };

export function importRights(ctx: Ctx): ImportRights {
  if (ctx.actor.kind === 'system') return { all: true };
  const p = ctx.actor.principal;
  if (hasRole(p, 'admin', 'coordinator', 'responder')) return { all: true };
  if (hasRole(p, 'member', 'member-lead')) return { all: false, organisationId: p.organisationId };
  throw new AppError(403, 'scans_import_forbidden');
}

export function mayImportFor(rights: ImportRights, system: { ownerOrgId: string; operatorOrgId: string }): boolean {
  return rights.all || system.ownerOrgId === rights.organisationId || system.operatorOrgId === rights.organisationId;
}
