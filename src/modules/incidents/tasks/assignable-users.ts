import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../../db/database.ts';
import { foldedSearch } from '../../../db/text-search.ts';
import type { Principal } from '../../../platform/actor.ts';
import type { Role } from '../../../shared/vocabulary.ts';
import { userSearchDocument } from '../../identity/queries.ts';
import { userRoles, users } from '../../identity/tables.ts';
import type { LoadedIncident } from '../load-incident.ts';
import type { IncidentAccess } from '../policy.ts';
import { mayTakeTasks } from './commands/incident-for-work.ts';

const LIMIT = 20;
/** Enough candidates that TLP filtering in canSeeIncident still leaves a full page in practice. */
const CANDIDATES = 200;

/** Who could possibly see it at this TLP, so a page of 200 candidates is not filled with users the policy drops. */
function candidateCondition(q: Queryable, a: IncidentAccess): SQL | undefined {
  const named = a.memberUserIds.length > 0 ? inArray(users.id, [...a.memberUserIds]) : undefined;
  if (a.tlp === 'red') return named;
  // viewers see GREEN/CLEAR incidents but take no tasks
  const wideRoles: Role[] = ['admin', 'coordinator', 'responder'];
  const orgIds = a.tlp === 'amber+strict' ? [a.organisationId] : [...new Set([a.organisationId, ...a.involvedOrgIds])];
  const withWideRole = q.select({ id: userRoles.userId }).from(userRoles).where(inArray(userRoles.role, wideRoles));
  return or(named, inArray(users.id, withWideRole), inArray(users.organisationId, orgIds));
}

export type AssignableUser = { id: string; username: string; displayName: string; organisationId: string };

/**
 * Up to 20 enabled users a task on this incident may go to: the same rule as checkAssignee
 * (canSeeIncident), so the picker never offers someone the PATCH would refuse. The SQL only narrows
 * the candidates (named users, the IR team and viewers, users of the involved organisations);
 * the policy function decides.
 */
export async function listAssignableUsers(
  q: Queryable,
  loaded: LoadedIncident,
  search: string | undefined,
): Promise<AssignableUser[]> {
  const a = loaded.access;
  const candidates = candidateCondition(q, a);
  if (!candidates) return [];
  const rows = await q
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      organisationId: users.organisationId,
    })
    .from(users)
    .where(
      and(
        eq(users.disabled, false),
        candidates,
        search?.trim() ? foldedSearch(userSearchDocument, search).where : undefined,
      ),
    )
    // named users first: on a RED incident they are the only ones who qualify
    .orderBy(
      ...(a.memberUserIds.length > 0 ? [sql`${users.id} IN ${[...a.memberUserIds]} DESC`] : []),
      asc(users.displayName),
      asc(users.username),
    )
    .limit(CANDIDATES);
  if (rows.length === 0) return [];
  const roles = await q
    .select({ userId: userRoles.userId, role: userRoles.role })
    .from(userRoles)
    .where(
      inArray(
        userRoles.userId,
        rows.map((r) => r.id),
      ),
    );
  const seeing = rows.filter((u) => {
    const principal: Principal = {
      userId: u.id,
      username: u.username,
      organisationId: u.organisationId,
      roles: roles.filter((r) => r.userId === u.id).map((r) => r.role),
      via: 'session',
    };
    return mayTakeTasks(principal, a);
  });
  return seeing.slice(0, LIMIT);
}
