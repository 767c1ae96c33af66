import { and, eq } from 'drizzle-orm';
import { AppError, notFound } from '../../../../platform/errors.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { organisations } from '../../tables.ts';
import { displayValue, normaliseNetwork } from '../normalise-input.ts';
import { authorizeManageNetworks } from '../policy.ts';
import { presentNetwork } from '../presenter.ts';
import type { NetworkInput, NetworkKind } from '../schemas.ts';
import { networkRanges, organisationAsns, organisationDomains } from '../tables.ts';

const SUBJECT = 'network_entry';

function authorize(scope: CommandScope): void {
  if (scope.ctx.actor.kind === 'user') authorizeManageNetworks(scope.ctx.actor.principal);
}

async function requireOrganisation(scope: CommandScope, organisationId: string): Promise<void> {
  const [org] = await scope.tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!org) throw notFound();
}

/** Adds a range, domain or ASN to an organisation (audited `network.add`); a duplicate is a 409. */
export async function addNetwork(scope: CommandScope, organisationId: string, input: NetworkInput) {
  authorize(scope);
  await requireOrganisation(scope, organisationId);
  const n = normaliseNetwork(input);
  const value = displayValue(n);
  const createdAt = scope.ctx.clock.now();
  const base = { organisationId, note: n.note, createdAt };
  const row =
    n.kind === 'range'
      ? (
          await scope.tx
            .insert(networkRanges)
            .values({ ...base, cidr: n.cidr })
            .onConflictDoNothing()
            .returning()
        )[0]
      : n.kind === 'domain'
        ? (
            await scope.tx
              .insert(organisationDomains)
              .values({ ...base, domain: n.domain, includeSubdomains: n.includeSubdomains })
              .onConflictDoNothing()
              .returning()
          )[0]
        : (
            await scope.tx
              .insert(organisationAsns)
              .values({ ...base, asn: n.asn })
              .onConflictDoNothing()
              .returning()
          )[0];
  if (!row) throw new AppError(409, 'network_duplicate', { value });
  const entry = presentNetwork(n.kind, row, null);
  scope.audit({
    action: 'network.add',
    subjectType: SUBJECT,
    subjectId: row.id,
    organisationId,
    after: { kind: n.kind, value, includeSubdomains: entry.includeSubdomains, note: n.note },
  });
  return entry;
}

/** Removes one entry (audited `network.remove`). */
export async function removeNetwork(scope: CommandScope, organisationId: string, kind: NetworkKind, id: string) {
  authorize(scope);
  const table = kind === 'range' ? networkRanges : kind === 'domain' ? organisationDomains : organisationAsns;
  const [row] = await scope.tx
    .delete(table)
    .where(and(eq(table.id, id), eq(table.organisationId, organisationId)))
    .returning();
  if (!row) throw notFound();
  const entry = presentNetwork(kind, row, null);
  scope.audit({
    action: 'network.remove',
    subjectType: SUBJECT,
    subjectId: id,
    organisationId,
    before: { kind, value: entry.value, includeSubdomains: entry.includeSubdomains, note: entry.note },
  });
}
