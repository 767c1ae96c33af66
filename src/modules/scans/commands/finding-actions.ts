import type pg from 'pg';
import { hasRole } from '../../../platform/access.ts';
import { actorLabel, type Ctx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { MessageCode } from '../../../platform/messages.ts';
import type { CommandScope } from '../../audit/command.ts';
import type { FindingStatus } from '../tables.ts';

export const FINDING_ACTIONS = ['start-remediation', 'claim-fixed', 'false-positive', 'accept-risk', 'reopen'] as const;
export type FindingAction = (typeof FINDING_ACTIONS)[number];

type Rule = {
  from: readonly FindingStatus[];
  to: FindingStatus;
  /** needs a reason */
  reason?: boolean;
  /** who besides the owners' member leads: the IR roles allowed */
  ir: readonly ('admin' | 'coordinator' | 'responder')[];
  /** plain members of the owning organisation may do it too */
  member: boolean;
};

/**
 * The lifecycle (#7) by hand: owners (members and member leads of the organisation that owns or
 * operates the system) move their findings through remediation; judging a finding not a risk
 * (false positive) or accepting the risk is for the owner's member lead or the IR team, and a risk
 * acceptance is approved by a member lead or a coordinator/admin (a responder may not approve).
 */
export const RULES: Record<FindingAction, Rule> = {
  'start-remediation': {
    from: ['open'],
    to: 'in-remediation',
    ir: ['admin', 'coordinator', 'responder'],
    member: true,
  },
  'claim-fixed': {
    from: ['open', 'in-remediation'],
    to: 'fixed-claimed',
    ir: ['admin', 'coordinator', 'responder'],
    member: true,
  },
  'false-positive': {
    from: ['open', 'in-remediation', 'fixed-claimed'],
    to: 'false-positive',
    reason: true,
    ir: ['admin', 'coordinator', 'responder'],
    member: false,
  },
  'accept-risk': {
    from: ['open', 'in-remediation'],
    to: 'risk-accepted',
    reason: true,
    ir: ['admin', 'coordinator'],
    member: false,
  },
  reopen: {
    from: ['in-remediation', 'fixed-claimed', 'false-positive', 'risk-accepted', 'verified'],
    to: 'open',
    ir: ['admin', 'coordinator', 'responder'],
    member: true,
  },
};

export type FindingActionInput = {
  action: FindingAction;
  reason?: string;
  /** accept-risk: when the acceptance lapses (the next scan that sees it opens it again) */
  expiresAt?: Date;
  /** optimistic check for one finding: refused when the status changed meanwhile */
  expectedStatus?: FindingStatus;
};

export type Refusal = { id: string; code: MessageCode };
export type ActionResult = { changed: string[]; refused: Refusal[] };

type Row = { id: string; status: FindingStatus; ownerOrgId: string | null; operatorOrgId: string | null };

function validate(ctx: Ctx, input: FindingActionInput): void {
  const rule = RULES[input.action];
  if (rule.reason && !input.reason?.trim()) throw new AppError(400, 'findings_reason_required');
  if (input.action !== 'accept-risk') return;
  if (!input.expiresAt) throw new AppError(400, 'findings_expiry_required');
  if (input.expiresAt.getTime() <= ctx.clock.now().getTime()) throw new AppError(400, 'findings_expiry_past');
}

function refusal(ctx: Ctx, rule: Rule, row: Row, input: FindingActionInput): MessageCode | null {
  if (ctx.actor.kind === 'user') {
    const p = ctx.actor.principal;
    const owner = row.ownerOrgId === p.organisationId || row.operatorOrgId === p.organisationId;
    const allowed =
      hasRole(p, ...rule.ir) || (owner && hasRole(p, 'member-lead')) || (owner && rule.member && hasRole(p, 'member'));
    if (!allowed) return 'findings_action_forbidden';
  }
  if (input.expectedStatus && input.expectedStatus !== row.status) return 'findings_status_changed';
  if (!rule.from.includes(row.status)) return 'findings_transition_invalid';
  return null;
}

/**
 * Applies one lifecycle action to findings in the caller's transaction, row-locked: each finding
 * the caller may act on and whose status allows the action changes (one event and one audit entry
 * each); the others are returned with the reason.
 */
export async function actOnFindings(
  client: pg.PoolClient,
  scope: CommandScope,
  ids: string[],
  input: FindingActionInput,
): Promise<ActionResult> {
  const { ctx } = scope;
  validate(ctx, input);
  const rule = RULES[input.action];
  const { rows } = await client.query<Row>(
    `SELECT f.id, f.status, s.owner_org_id AS "ownerOrgId", s.operator_org_id AS "operatorOrgId"
       FROM findings f LEFT JOIN information_systems s ON s.id = f.system_id
      WHERE f.id = ANY($1::uuid[]) ORDER BY f.id FOR UPDATE OF f`,
    [ids],
  );
  const found = new Map(rows.map((r) => [r.id, r]));
  const refused: Refusal[] = [];
  const changed: Row[] = [];
  for (const id of new Set(ids)) {
    const row = found.get(id);
    // Not there, or not visible (unassigned findings to a non-IR member) read the same: not found.
    const code = row ? refusal(ctx, rule, row, input) : 'not_found';
    if (code === 'findings_action_forbidden' && row?.ownerOrgId === null) refused.push({ id, code: 'not_found' });
    else if (code) refused.push({ id, code });
    else if (row) changed.push(row);
  }
  if (changed.length === 0) {
    if (refused.length) scope.unchanged();
    return { changed: [], refused };
  }
  const now = ctx.clock.now();
  const actor = actorLabel(ctx.actor);
  const accepting = input.action === 'accept-risk';
  const changedIds = changed.map((r) => r.id);
  await client.query(
    `UPDATE findings SET status = $2, status_reason = $3, status_by = $4, status_at = $5,
            risk_approver = CASE WHEN $6 THEN $4 ELSE NULL END,
            risk_expires_at = CASE WHEN $6 THEN $7::timestamptz ELSE NULL END
      WHERE id = ANY($1::uuid[])`,
    [changedIds, rule.to, input.reason ?? null, actor, now, accepting, input.expiresAt ?? null],
  );
  await client.query(
    `INSERT INTO finding_events (finding_id, kind, from_status, to_status, actor, reason, at)
     SELECT id, 'status', old, $2, $3, $4, $5 FROM unnest($1::uuid[], $6::text[]) AS t(id, old)`,
    [changedIds, rule.to, actor, input.reason ?? null, now, changed.map((r) => r.status)],
  );
  for (const r of changed) {
    scope.audit({
      action: `findings.${input.action}`,
      subjectType: 'finding',
      subjectId: r.id,
      organisationId: r.ownerOrgId,
      before: { status: r.status },
      after: { status: rule.to },
      detail: {
        ...(input.reason ? { reason: input.reason } : {}),
        ...(accepting ? { expiresAt: input.expiresAt?.toISOString() } : {}),
      },
    });
  }
  return { changed: changedIds, refused };
}
