import { inArray } from 'drizzle-orm';
import { foldHeader } from '../../../formats/registry-sheet/entities.ts';
import { hasRole } from '../../../platform/access.ts';
import { emailField } from '../../../platform/text.ts';
import { type ContactInput, changeContact, insertContact } from '../commands/save-contact.ts';
import { contactPoints } from '../tables.ts';
import { str } from './coerce.ts';
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

const PHONE = /^[+0-9 ().-]*$/;

/** A contact point has no code: within an organisation, the person's name (without diacritics) is its key. */
const personKey = (name: string) => foldHeader(name);

function fieldsOf(r: TypedRow): ContactInput {
  const v = r.values;
  return {
    personName: str(v, 'personName') ?? undefined,
    personRole: str(v, 'personRole'),
    phone247: str(v, 'phone247'),
    email: str(v, 'email')?.toLowerCase(),
    otherChannels: str(v, 'otherChannels'),
  };
}

function mayImport(ctx: PlanContext, orgId: string | undefined): boolean {
  if (managesRegistry(ctx.principal)) return true;
  const p = ctx.principal;
  return !!p && !!orgId && hasRole(p, 'member-lead') && p.organisationId === orgId;
}

export async function planContacts(ctx: PlanContext, all: TypedRow[]): Promise<PlannedRow[]> {
  const rows = dropDuplicates(
    ctx,
    all,
    (r) => `${r.values.organisation}\u0000${personKey(String(r.values.personName))}`,
    (r) => `${r.values.organisation} · ${r.values.personName}`,
  );
  const orgIds = [
    ...new Set(rows.map((r) => ctx.orgsByCode.get(String(r.values.organisation))?.id).filter((x) => x !== undefined)),
  ];
  const existing = orgIds.length
    ? await ctx.q.select().from(contactPoints).where(inArray(contactPoints.organisationId, orgIds))
    : [];
  const byKey = new Map(existing.map((c) => [`${c.organisationId}\u0000${personKey(c.personName)}`, c]));
  const planned: PlannedRow[] = [];
  for (const r of rows) {
    const { source } = r;
    const orgCode = String(r.values.organisation);
    const fields = fieldsOf(r);
    if (!orgExists(ctx, orgCode)) {
      issue(ctx, source, 'import_unknown_org', { code: orgCode });
      continue;
    }
    const org = ctx.orgsByCode.get(orgCode);
    if (!mayImport(ctx, org?.id)) {
      issue(ctx, source, 'import_not_allowed', { detail: orgCode });
      continue;
    }
    if (fields.email && !emailField.safeParse(fields.email).success) {
      issue(ctx, source, 'import_bad_email', { column: 'Thư điện tử', value: fields.email.slice(0, 80) });
      continue;
    }
    if (fields.phone247 && !PHONE.test(fields.phone247)) {
      issue(ctx, source, 'import_bad_phone', { column: 'Điện thoại 24/7', value: fields.phone247.slice(0, 80) });
      continue;
    }
    const base = { entity: 'contacts' as const, sheet: source.sheet, row: source.row };
    const key = personKey(String(fields.personName));
    const current = org ? byKey.get(`${org.id}\u0000${key}`) : undefined;
    if (!current) {
      planned.push({
        ...base,
        op: 'create',
        apply: async (scope, refs) => {
          const orgId = refs.orgIds.get(orgCode);
          if (!orgId) throw new Error(`organisation ${orgCode} was not created`);
          await insertContact(scope, orgId, { ...fields, personName: String(fields.personName) });
        },
      });
      continue;
    }
    const change = changedFields(fields, current);
    if (Object.keys(change).length === 0) {
      planned.push({ ...base, op: 'unchanged' });
      continue;
    }
    planned.push({
      ...base,
      op: 'update',
      apply: async (scope) => void (await changeContact(scope, current.id, change)),
    });
  }
  return planned;
}
