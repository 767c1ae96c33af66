import { inArray } from 'drizzle-orm';
import { hasRole } from '../../../platform/access.ts';
import type { SystemCategory, SystemStatus } from '../../../shared/vocabulary.ts';
import { createSystem, type SystemUpdateInput, updateSystem } from '../systems/commands/index.ts';
import { informationSystems, type SecurityMeasures } from '../systems/tables.ts';
import { bool, str } from './coerce.ts';
import {
  changedFields,
  dropDuplicates,
  issue,
  managesRegistry,
  orgExists,
  type PlanContext,
  type PlannedRow,
  type TypedRow,
} from './plan-types.ts';

export type SystemRow = typeof informationSystems.$inferSelect;

/** A member-lead imports only systems its organisation owns or operates (before and after the change). */
export function mayManageSystem(ctx: PlanContext, orgIds: (string | undefined)[]): boolean {
  if (managesRegistry(ctx.principal)) return true;
  const p = ctx.principal;
  return !!p && hasRole(p, 'member-lead') && orgIds.includes(p.organisationId);
}

/** Valid system rows, recorded in `ctx.fileSystems` so the components sheet may refer to them. */
export function collectSystems(ctx: PlanContext, rows: TypedRow[]): TypedRow[] {
  const kept = dropDuplicates(
    ctx,
    rows,
    (r) => String(r.values.code),
    (r) => String(r.values.code),
  );
  for (const r of kept) {
    const owner = String(r.values.owner);
    ctx.fileSystems.set(String(r.values.code), { owner, operator: str(r.values, 'operator') ?? null });
  }
  return kept;
}

export async function systemsByCode(ctx: PlanContext, codes: string[]): Promise<Map<string, SystemRow>> {
  if (codes.length === 0) return new Map();
  const rows = await ctx.q
    .select()
    .from(informationSystems)
    .where(inArray(informationSystems.code, [...new Set(codes)]));
  return new Map(rows.map((s) => [s.code, s]));
}

function measuresOf(r: TypedRow, current: SecurityMeasures | null | undefined): SecurityMeasures | undefined {
  const v = r.values;
  const keys = ['antivirus', 'firewall', 'ids', 'otherMeasures'];
  if (!keys.some((k) => v[k] !== undefined && v[k] !== null)) return undefined;
  return {
    antivirus: bool(v, 'antivirus') ?? current?.antivirus ?? false,
    firewall: bool(v, 'firewall') ?? current?.firewall ?? false,
    ids: bool(v, 'ids') ?? current?.ids ?? false,
    other: str(v, 'otherMeasures') === undefined ? (current?.other ?? null) : (str(v, 'otherMeasures') ?? null),
  };
}

function fieldsOf(r: TypedRow, current: SystemRow | undefined) {
  const v = r.values;
  const level = v.securityLevel;
  return {
    name: str(v, 'name') ?? undefined,
    nameEn: str(v, 'nameEn'),
    securityLevel: level === undefined ? undefined : typeof level === 'number' ? level : null,
    levelDecisionNo: str(v, 'levelDecisionNo'),
    levelDecisionDate: str(v, 'levelDecisionDate'),
    levelApprovedBy: str(v, 'levelApprovedBy'),
    category: (str(v, 'category') ?? undefined) as SystemCategory | undefined,
    sharedProvincial: bool(v, 'sharedProvincial'),
    nationalCritical: bool(v, 'nationalCritical'),
    internetFacing: bool(v, 'internetFacing'),
    status: (str(v, 'status') ?? undefined) as SystemStatus | undefined,
    description: str(v, 'description'),
    securityMeasures: measuresOf(r, current?.securityMeasures),
    securityProvider: str(v, 'securityProvider'),
    connectivityProvider: str(v, 'connectivityProvider'),
    osAndServices: str(v, 'osAndServices'),
  };
}

export async function planSystems(ctx: PlanContext, rows: TypedRow[]): Promise<PlannedRow[]> {
  const existing = await systemsByCode(
    ctx,
    rows.map((r) => String(r.values.code)),
  );
  const planned: PlannedRow[] = [];
  for (const r of rows) {
    const { source } = r;
    const code = String(r.values.code);
    const ownerCode = String(r.values.owner);
    const operatorCode = str(r.values, 'operator') ?? null;
    const unknown = [ownerCode, operatorCode].find((c) => c && !orgExists(ctx, c));
    if (unknown) {
      issue(ctx, source, 'import_unknown_org', { code: unknown });
      continue;
    }
    const current = existing.get(code);
    const ownerId = ctx.orgsByCode.get(ownerCode)?.id;
    const operatorId = operatorCode ? ctx.orgsByCode.get(operatorCode)?.id : ownerId;
    const parties = [ownerId, operatorId];
    if (
      !mayManageSystem(ctx, parties) ||
      (current && !mayManageSystem(ctx, [current.ownerOrgId, current.operatorOrgId]))
    ) {
      issue(ctx, source, 'import_not_allowed', { detail: code });
      continue;
    }
    const fields = fieldsOf(r, current);
    const base = { entity: 'systems' as const, sheet: source.sheet, row: source.row };
    if (!current) {
      if (!fields.category) {
        issue(ctx, source, 'import_required', { column: 'Loại hệ thống' });
        continue;
      }
      const category = fields.category;
      planned.push({
        ...base,
        op: 'create',
        apply: async (scope, refs) => {
          const ownerOrgId = refs.orgIds.get(ownerCode);
          const operatorOrgId = operatorCode ? refs.orgIds.get(operatorCode) : ownerOrgId;
          if (!ownerOrgId || !operatorOrgId) throw new Error(`organisations of ${code} were not created`);
          const created = await createSystem(scope, {
            ...fields,
            code,
            name: fields.name ?? code,
            category,
            ownerOrgId,
            operatorOrgId,
          });
          refs.systemIds.set(code, created.id);
        },
      });
      continue;
    }
    const change: SystemUpdateInput = changedFields(fields, current);
    const ownerChanged = ownerId !== current.ownerOrgId;
    const operatorChanged = operatorCode !== null && operatorId !== current.operatorOrgId;
    if (Object.keys(change).length === 0 && !ownerChanged && !operatorChanged) {
      planned.push({ ...base, op: 'unchanged' });
      continue;
    }
    planned.push({
      ...base,
      op: 'update',
      apply: async (scope, refs) => {
        const ownerOrgId = ownerChanged ? refs.orgIds.get(ownerCode) : undefined;
        const operatorOrgId = operatorChanged && operatorCode ? refs.orgIds.get(operatorCode) : undefined;
        await updateSystem(scope, current.id, {
          ...change,
          ...(ownerOrgId ? { ownerOrgId } : {}),
          ...(operatorOrgId ? { operatorOrgId } : {}),
        });
      },
    });
  }
  return planned;
}
