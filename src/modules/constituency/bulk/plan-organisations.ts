import type { OrganisationKind } from '../../../shared/vocabulary.ts';
import { changeOrganisation, insertOrganisation, type OrganisationInput } from '../commands/save-organisation.ts';
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

type OrgFields = Omit<OrganisationInput, 'parentId' | 'successorId' | 'requireMfa'>;

function fieldsOf(r: TypedRow): OrgFields {
  const v = r.values;
  return {
    name: str(v, 'name') ?? undefined,
    nameEn: str(v, 'nameEn'),
    shortName: str(v, 'shortName'),
    kind: (str(v, 'kind') ?? undefined) as OrganisationKind | undefined,
    locality: str(v, 'locality'),
    networkMemberCode: str(v, 'networkMemberCode'),
    validFrom: str(v, 'validFrom'),
    validTo: str(v, 'validTo'),
    active: bool(v, 'active'),
  };
}

/** Valid rows first recorded in `ctx.fileOrgCodes`, so other sheets may refer to them. */
export function collectOrganisations(ctx: PlanContext, rows: TypedRow[]): TypedRow[] {
  const kept = dropDuplicates(
    ctx,
    rows,
    (r) => String(r.values.code),
    (r) => String(r.values.code),
  );
  for (const r of kept) ctx.fileOrgCodes.add(String(r.values.code));
  return kept;
}

/** Parents before children, so a child created in the same file finds its parent's id. */
function parentsFirst(ctx: PlanContext, rows: TypedRow[]): TypedRow[] {
  const byCode = new Map(rows.map((r) => [String(r.values.code), r]));
  const done = new Set<string>();
  const out: TypedRow[] = [];
  const visit = (r: TypedRow, path: Set<string>) => {
    const code = String(r.values.code);
    if (done.has(code)) return;
    if (path.has(code)) {
      issue(ctx, r.source, 'import_parent_cycle', { code });
      done.add(code);
      return;
    }
    path.add(code);
    const parent = str(r.values, 'parentCode');
    const parentRow = parent ? byCode.get(parent) : undefined;
    if (parentRow) visit(parentRow, path);
    if (done.has(code)) return;
    done.add(code);
    out.push(r);
  };
  for (const r of rows) visit(r, new Set());
  return out;
}

export function planOrganisations(ctx: PlanContext, rows: TypedRow[]): PlannedRow[] {
  const planned: PlannedRow[] = [];
  const codeOfId = new Map([...ctx.orgsByCode.values()].map((o) => [o.id, o.code]));
  for (const r of parentsFirst(ctx, rows)) {
    const code = String(r.values.code);
    const { source } = r;
    if (!managesRegistry(ctx.principal)) {
      issue(ctx, source, 'import_not_allowed', { detail: 'organisations' });
      continue;
    }
    const fields = fieldsOf(r);
    const parentCode = str(r.values, 'parentCode');
    if (parentCode && !orgExists(ctx, parentCode)) {
      issue(ctx, source, 'import_unknown_org', { code: parentCode });
      continue;
    }
    if (parentCode === code) {
      issue(ctx, source, 'import_parent_cycle', { code });
      continue;
    }
    const existing = ctx.orgsByCode.get(code);
    const validFrom = fields.validFrom !== undefined ? fields.validFrom : existing?.validFrom;
    const validTo = fields.validTo !== undefined ? fields.validTo : existing?.validTo;
    if (validFrom && validTo && validTo < validFrom) {
      issue(ctx, source, 'import_date_order');
      continue;
    }
    const base = { entity: 'organisations' as const, sheet: source.sheet, row: source.row };
    if (!existing) {
      planned.push({
        ...base,
        op: 'create',
        apply: async (scope, refs) => {
          const created = await insertOrganisation(scope, {
            ...fields,
            code,
            name: fields.name ?? code,
            kind: fields.kind ?? 'other',
            parentId: parentCode ? (refs.orgIds.get(parentCode) ?? null) : null,
          });
          refs.orgIds.set(code, created.id);
        },
      });
      continue;
    }
    const currentParent = existing.parentId ? (codeOfId.get(existing.parentId) ?? null) : null;
    const change = changedFields(fields, existing);
    const parentChanged = parentCode !== undefined && parentCode !== currentParent;
    if (Object.keys(change).length === 0 && !parentChanged) {
      planned.push({ ...base, op: 'unchanged' });
      continue;
    }
    planned.push({
      ...base,
      op: 'update',
      apply: async (scope, refs) => {
        const parentId = parentChanged ? (parentCode ? (refs.orgIds.get(parentCode) ?? null) : null) : undefined;
        await changeOrganisation(scope, existing.id, { ...change, ...(parentId !== undefined ? { parentId } : {}) });
      },
    });
  }
  return planned;
}
