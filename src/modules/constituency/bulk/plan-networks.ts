import { inArray } from 'drizzle-orm';
import { AppError } from '../../../platform/errors.ts';
import { addNetwork, removeNetwork } from '../networks/commands/save-network.ts';
import { displayValue, type NormalisedNetwork, normaliseNetwork } from '../networks/normalise-input.ts';
import type { NetworkInput } from '../networks/schemas.ts';
import { networkRanges, organisationAsns, organisationDomains } from '../networks/tables.ts';
import { bool, str } from './coerce.ts';
import { issue, managesRegistry, orgExists, type PlanContext, type PlannedRow, type TypedRow } from './plan-types.ts';

type Stored = { id: string; includeSubdomains: boolean | null; note: string | null };

function inputOf(r: TypedRow): NetworkInput | undefined {
  const v = r.values;
  const given = (['cidr', 'domain', 'asn'] as const).filter((k) => typeof v[k] === 'string' && v[k] !== '');
  if (given.length !== 1) return undefined;
  const note = str(v, 'note') ?? null;
  if (given[0] === 'cidr') return { kind: 'range', cidr: String(v.cidr), note };
  if (given[0] === 'domain') {
    return { kind: 'domain', domain: String(v.domain), includeSubdomains: bool(v, 'includeSubdomains') ?? true, note };
  }
  return { kind: 'asn', asn: String(v.asn), note };
}

async function storedEntries(ctx: PlanContext, orgIds: string[]): Promise<Map<string, Stored>> {
  const out = new Map<string, Stored>();
  if (orgIds.length === 0) return out;
  for (const r of await ctx.q.select().from(networkRanges).where(inArray(networkRanges.organisationId, orgIds)))
    out.set(`${r.organisationId}\u0000range\u0000${r.cidr}`, { id: r.id, includeSubdomains: null, note: r.note });
  for (const r of await ctx.q
    .select()
    .from(organisationDomains)
    .where(inArray(organisationDomains.organisationId, orgIds)))
    out.set(`${r.organisationId}\u0000domain\u0000${r.domain}`, {
      id: r.id,
      includeSubdomains: r.includeSubdomains,
      note: r.note,
    });
  for (const r of await ctx.q.select().from(organisationAsns).where(inArray(organisationAsns.organisationId, orgIds)))
    out.set(`${r.organisationId}\u0000asn\u0000AS${r.asn}`, { id: r.id, includeSubdomains: null, note: r.note });
  return out;
}

/**
 * Ranges, domains and ASNs (one per row). Claiming address space decides who hears about incidents
 * in it, so only coordinators and admins import them. There is no "change" command: a row whose
 * note or subdomain flag differs replaces the entry (remove + add, both audited).
 */
export async function planNetworks(ctx: PlanContext, rows: TypedRow[]): Promise<PlannedRow[]> {
  const orgIds = [
    ...new Set(rows.map((r) => ctx.orgsByCode.get(String(r.values.organisation))?.id).filter((x) => x !== undefined)),
  ];
  const stored = await storedEntries(ctx, orgIds);
  const firstRow = new Map<string, number>();
  const planned: PlannedRow[] = [];
  for (const r of rows) {
    const { source } = r;
    const orgCode = String(r.values.organisation);
    if (!orgExists(ctx, orgCode)) {
      issue(ctx, source, 'import_unknown_org', { code: orgCode });
      continue;
    }
    if (!managesRegistry(ctx.principal)) {
      issue(ctx, source, 'import_not_allowed', { detail: orgCode });
      continue;
    }
    const input = inputOf(r);
    if (!input) {
      issue(ctx, source, 'import_network_one_value');
      continue;
    }
    let n: NormalisedNetwork;
    try {
      n = normaliseNetwork(input);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      issue(ctx, source, err.code, err.params);
      continue;
    }
    const value = displayValue(n);
    const key = `${orgCode}\u0000${n.kind}\u0000${value}`;
    const seen = firstRow.get(key);
    if (seen !== undefined) {
      issue(ctx, source, 'import_duplicate_row', { other: seen, key: `${orgCode} · ${value}` });
      continue;
    }
    firstRow.set(key, source.row);
    const base = { entity: 'networks' as const, sheet: source.sheet, row: source.row };
    const org = ctx.orgsByCode.get(orgCode);
    const current = org ? stored.get(`${org.id}\u0000${n.kind}\u0000${value}`) : undefined;
    const add = async (scope: Parameters<NonNullable<PlannedRow['apply']>>[0], orgId: string) =>
      void (await addNetwork(scope, orgId, input));
    if (!current) {
      planned.push({
        ...base,
        op: 'create',
        apply: async (scope, refs) => {
          const orgId = refs.orgIds.get(orgCode);
          if (!orgId) throw new Error(`organisation ${orgCode} was not created`);
          await add(scope, orgId);
        },
      });
      continue;
    }
    const noteGiven = r.values.note !== undefined;
    const flagGiven =
      n.kind === 'domain' && r.values.includeSubdomains !== undefined && r.values.includeSubdomains !== null;
    const changed =
      (noteGiven && (current.note ?? null) !== n.note) ||
      (flagGiven && n.kind === 'domain' && current.includeSubdomains !== n.includeSubdomains);
    if (!changed || !org) {
      planned.push({ ...base, op: 'unchanged' });
      continue;
    }
    planned.push({
      ...base,
      op: 'update',
      apply: async (scope) => {
        await removeNetwork(scope, org.id, n.kind, current.id);
        await add(scope, org.id);
      },
    });
  }
  return planned;
}
