import { inArray } from 'drizzle-orm';
import { foldHeader } from '../../../formats/registry-sheet/entities.ts';
import { AppError } from '../../../platform/errors.ts';
import type { ComponentKind } from '../../../shared/vocabulary.ts';
import { addComponent, type ComponentValues, normaliseComponent, updateComponent } from '../systems/commands/index.ts';
import { componentFields } from '../systems/presenter.ts';
import { systemComponents } from '../systems/tables.ts';
import { str, type Values } from './coerce.ts';
import { mayManageSystem, systemsByCode } from './plan-systems.ts';
import { changedFields, issue, type PlanContext, type PlannedRow, type TypedRow } from './plan-types.ts';

const TEXT_KEYS = [
  'ip',
  'hostname',
  'fqdn',
  'url',
  'cidr',
  'domain',
  'cpe',
  'purl',
  'vendor',
  'product',
  'version',
  'os',
  'note',
] as const;

/** The kind a row names, or the one its values imply (a `system,cpe,vendor,product,version` row is software). */
function kindOf(v: Values): ComponentKind | undefined {
  const given = str(v, 'kind');
  if (given) return given as ComponentKind;
  if (v.cpe || v.purl || v.product || v.vendor) return 'software';
  if (v.url) return 'url';
  if (v.cidr) return 'range';
  if (v.domain) return 'domain';
  if (v.ip || v.hostname || v.fqdn) return 'host';
  return undefined;
}

/** What identifies a component within its system, so a re-import updates instead of adding. */
export function componentKey(c: ComponentValues): string {
  const id = (() => {
    switch (c.kind) {
      case 'host':
        return c.ip ?? c.fqdn ?? foldHeader(c.hostname ?? '');
      case 'url':
        return c.url;
      case 'range':
        return c.cidr;
      case 'domain':
        return c.domain;
      case 'software':
        return c.cpe ?? c.purl ?? [c.vendor, c.product, c.version].map((x) => foldHeader(x ?? '')).join('|');
    }
  })();
  return `${c.kind}\u0000${id ?? ''}`;
}

export async function planComponents(ctx: PlanContext, rows: TypedRow[]): Promise<PlannedRow[]> {
  const systems = await systemsByCode(
    ctx,
    rows.map((r) => String(r.values.system)),
  );
  const ids = [...systems.values()].map((s) => s.id);
  const existing = ids.length
    ? await ctx.q.select().from(systemComponents).where(inArray(systemComponents.systemId, ids))
    : [];
  const existingByKey = new Map(existing.map((c) => [`${c.systemId}\u0000${componentKey(componentFields(c))}`, c]));
  const firstRow = new Map<string, number>();
  const planned: PlannedRow[] = [];
  for (const r of rows) {
    const { source } = r;
    const code = String(r.values.system);
    const inFile = ctx.fileSystems.get(code);
    const system = systems.get(code);
    if (!inFile && !system) {
      issue(ctx, source, 'import_unknown_system', { code });
      continue;
    }
    const parties = inFile
      ? [inFile.owner, inFile.operator ?? inFile.owner].map((c) => ctx.orgsByCode.get(c)?.id)
      : [system?.ownerOrgId, system?.operatorOrgId];
    if (
      !mayManageSystem(ctx, parties) ||
      (system && !mayManageSystem(ctx, [system.ownerOrgId, system.operatorOrgId]))
    ) {
      issue(ctx, source, 'import_not_allowed', { detail: code });
      continue;
    }
    const kind = kindOf(r.values);
    if (!kind) {
      issue(ctx, source, 'import_component_empty');
      continue;
    }
    const draft = Object.fromEntries(TEXT_KEYS.map((k) => [k, str(r.values, k) ?? null]));
    let values: ComponentValues;
    try {
      values = normaliseComponent({ ...draft, kind });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      issue(ctx, source, err.code, err.params);
      continue;
    }
    const key = `${code}\u0000${componentKey(values)}`;
    const seen = firstRow.get(key);
    if (seen !== undefined) {
      issue(ctx, source, 'import_duplicate_row', {
        other: seen,
        key: `${code} · ${componentKey(values).split('\u0000')[1]}`,
      });
      continue;
    }
    firstRow.set(key, source.row);
    const base = { entity: 'components' as const, sheet: source.sheet, row: source.row };
    const current = system ? existingByKey.get(`${system.id}\u0000${componentKey(values)}`) : undefined;
    if (!current) {
      planned.push({
        ...base,
        op: 'create',
        apply: async (scope, refs) => {
          const systemId = refs.systemIds.get(code);
          if (!systemId) throw new Error(`system ${code} was not created`);
          await addComponent(scope, systemId, values);
        },
      });
      continue;
    }
    // Only the columns the sheet has: a missing column leaves the stored value alone.
    const given = Object.fromEntries(
      Object.entries(values).filter(
        ([k]) => k === 'kind' || r.values[k] !== undefined || values[k as keyof ComponentValues] !== null,
      ),
    );
    const change = changedFields(given, componentFields(current));
    if (Object.keys(change).length === 0) {
      planned.push({ ...base, op: 'unchanged' });
      continue;
    }
    planned.push({
      ...base,
      op: 'update',
      apply: async (scope) => void (await updateComponent(scope, current.id, change)),
    });
  }
  return planned;
}
