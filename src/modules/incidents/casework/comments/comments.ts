import { and, asc, eq, gt, or, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../../../db/database.ts';
import type { Principal } from '../../../../platform/actor.ts';
import { AppError } from '../../../../platform/errors.ts';
import { decodeCursor, paginate } from '../../../../platform/pagination.ts';
import type { CommentVisibility } from '../../../../shared/vocabulary.ts';
import type { CommandScope } from '../../../audit/command.ts';
import { users } from '../../../identity/tables.ts';
import { cursorTime, cursorUuid } from '../../cursor-parts.ts';
import { loadIncident } from '../../load-incident.ts';
import { authorizeSeeIncident, isIrTeam } from '../../policy.ts';
import { incidentComments } from '../../tables.ts';
import { actorOf, authorizeComment } from '../access.ts';

function afterCursor(cursor: string | undefined): SQL | undefined {
  const [at, rawId] = decodeCursor(cursor) ?? [];
  const t = cursorTime(at);
  const id = cursorUuid(rawId);
  if (!t || !id) return undefined;
  return or(gt(incidentComments.createdAt, t), and(eq(incidentComments.createdAt, t), gt(incidentComments.id, id)));
}

/** The comments a principal may read: the IR team reads all; everyone else who sees the incident, shared ones. */
export async function listComments(
  db: Queryable,
  p: Principal,
  incidentId: string,
  q: { cursor?: string; limit: number },
) {
  const { access } = await loadIncident(db, incidentId);
  authorizeSeeIncident(p, access);
  const rows = await db
    .select({ c: incidentComments, authorName: users.displayName })
    .from(incidentComments)
    .leftJoin(users, eq(users.id, incidentComments.authorUserId))
    .where(
      and(
        eq(incidentComments.incidentId, incidentId),
        isIrTeam(p) ? undefined : eq(incidentComments.visibility, 'shared'),
        afterCursor(q.cursor),
      ),
    )
    .orderBy(asc(incidentComments.createdAt), asc(incidentComments.id))
    .limit(q.limit + 1);
  const page = paginate(rows, q.limit, (r) => [r.c.createdAt.toISOString(), r.c.id]);
  return { items: page.items.map((r) => present(r.c, r.authorName)), nextCursor: page.nextCursor };
}

function present(c: typeof incidentComments.$inferSelect, authorName: string | null) {
  return {
    id: c.id,
    body: c.body,
    visibility: c.visibility,
    authorUserId: c.authorUserId,
    authorName,
    createdAt: c.createdAt.toISOString(),
  };
}

/**
 * Writes a comment. The IR team chooses internal (default) or shared; others write shared only.
 * Not put on the timeline: the timeline is read by everyone who sees the incident, internal notes are not.
 */
export async function addComment(
  scope: CommandScope,
  incidentId: string,
  input: { body: string; visibility?: CommentVisibility },
) {
  const p = actorOf(scope.ctx);
  const { access } = await loadIncident(scope.tx, incidentId);
  authorizeSeeIncident(p, access);
  authorizeComment(p);
  const ir = isIrTeam(p);
  const visibility = input.visibility ?? (ir ? 'internal' : 'shared');
  if (visibility === 'internal' && !ir) throw new AppError(403, 'comment_internal_ir_only');
  const [row] = await scope.tx
    .insert(incidentComments)
    .values({ incidentId, authorUserId: p.userId, body: input.body, visibility, createdAt: scope.ctx.clock.now() })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  scope.audit({
    action: 'incident.comment.add',
    subjectType: 'incident',
    subjectId: incidentId,
    detail: { commentId: row.id, visibility },
  });
  return present(row, null);
}
