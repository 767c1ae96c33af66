import type { Queryable } from '../../../db/database.ts';
import type { RegistryEntity } from '../../../formats/registry-sheet/entities.ts';
import type { ParsedSheets } from '../../../formats/registry-sheet/sheet-rows.ts';
import type { Principal } from '../../../platform/actor.ts';
import { organisations } from '../tables.ts';
import { coerceRow, type PlanIssue } from './coerce.ts';
import { planComponents } from './plan-components.ts';
import { planContacts } from './plan-contacts.ts';
import { planNetworks } from './plan-networks.ts';
import { collectOrganisations, planOrganisations } from './plan-organisations.ts';
import { collectSystems, planSystems } from './plan-systems.ts';
import type { PlanContext, PlannedRow, TypedRow } from './plan-types.ts';

export type Plan = { rows: number; planned: PlannedRow[]; issues: PlanIssue[] };

/**
 * Validates every row against the file and the database and decides, per row, create / update /
 * unchanged. Reads only: the same function runs for the dry run and again, inside the writing
 * transaction, for the commit.
 */
export async function buildPlan(q: Queryable, principal: Principal | undefined, parsed: ParsedSheets): Promise<Plan> {
  const issues: PlanIssue[] = parsed.problems.map((p) => ({
    sheet: p.sheet,
    row: p.row,
    code: p.issue.code,
    params: p.issue.params,
  }));
  const typed: Record<RegistryEntity, TypedRow[]> = {
    organisations: [],
    contacts: [],
    systems: [],
    components: [],
    networks: [],
  };
  for (const source of parsed.rows) {
    const values = coerceRow(source, issues);
    if (values) typed[source.entity].push({ source, values });
  }
  const orgs = await q.select().from(organisations);
  const ctx: PlanContext = {
    q,
    principal,
    issues,
    orgsByCode: new Map(orgs.map((o) => [o.code, o])),
    fileOrgCodes: new Set(),
    fileSystems: new Map(),
  };
  const orgRows = collectOrganisations(ctx, typed.organisations);
  const systemRows = collectSystems(ctx, typed.systems);
  const planned = [
    ...planOrganisations(ctx, orgRows),
    ...(await planContacts(ctx, typed.contacts)),
    ...(await planSystems(ctx, systemRows)),
    ...(await planComponents(ctx, typed.components)),
    ...(await planNetworks(ctx, typed.networks)),
  ];
  // Errors in the file's order: sheets as they come, then rows.
  const sheetOrder = new Map<string, number>();
  for (const s of [...parsed.problems, ...parsed.rows])
    if (!sheetOrder.has(s.sheet)) sheetOrder.set(s.sheet, sheetOrder.size);
  issues.sort((a, b) => (sheetOrder.get(a.sheet) ?? 0) - (sheetOrder.get(b.sheet) ?? 0) || a.row - b.row);
  return { rows: parsed.rows.length, planned, issues };
}
