import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/modules/identity/tables.ts';
import type { TestEnv } from '../harness.ts';
import { closedPort } from '../smtp-peer.ts';

/**
 * The e-mail intake routes (#6) in the authorisation matrix (test/authz-matrix.test.ts), written
 * by hand from docs/ARCHITECTURE.md ("E-mail intake"): mailboxes hold outside passwords and make
 * the server connect out, so administrators and coordinators manage them; a report's e-mail thread
 * is read by whoever reads the report.
 */
type Pair = [own: boolean, foreign: boolean];
type Expect = Record<Role, { own: boolean; foreign: boolean }>;
const ROLES: Role[] = ['admin', 'coordinator', 'responder', 'member-lead', 'member', 'partner', 'viewer'];
const only = (rules: Partial<Record<Role, Pair>>): Expect =>
  Object.fromEntries(ROLES.map((r) => [r, { own: rules[r]?.[0] ?? false, foreign: rules[r]?.[1] ?? false }])) as Expect;
const ALL: Pair = [true, true];
const OWN: Pair = [true, false];

export const EXPECTATIONS: Record<string, Expect> = {
  'intake.mailbox.manage': only({ admin: ALL, coordinator: ALL }),
  'intake.email.thread': only({
    admin: ALL,
    coordinator: ALL,
    responder: ALL,
    'member-lead': OWN,
    member: OWN,
    partner: OWN,
    viewer: OWN,
  }),
};

const ids: { mailboxId: string; reportOf: Map<string, string> } = { mailboxId: randomUUID(), reportOf: new Map() };

/** A mailbox on a closed port (tests and polls fail fast), and per organisation an e-mail report. */
export async function prepareEmail(env: TestEnv, organisationIds: string[]): Promise<void> {
  const pool = env.platform.pool;
  const box = await pool.query<{ id: string }>(
    `INSERT INTO intake_mailboxes (name, url) VALUES ('Ma trận', $1) RETURNING id`,
    [`imap://intake@127.0.0.1:${await closedPort()}`],
  );
  ids.mailboxId = box.rows[0]?.id ?? ids.mailboxId;
  for (const organisationId of organisationIds) {
    const r = await pool.query<{ id: string }>(
      `INSERT INTO reports (tracking_no, source, channel_key, reporter_org_id, reporter_name, title, description, detection_method, handling_state)
       VALUES ($1, 'email', $2, $3, 'Ma trận', 'Thư', 'Thư báo sự cố', 'notified', 'not-yet') RETURNING id`,
      [`TN-MAIL-${randomUUID()}`, `mailbox:${ids.mailboxId}`, organisationId],
    );
    ids.reportOf.set(organisationId, r.rows[0]?.id ?? '');
  }
}

type Sample = {
  class: string;
  axis: boolean;
  request: (f: { subjectOrgId: string }) => { url: string; payload?: unknown };
};

export const ROUTES: Record<string, Sample> = {
  'GET /api/admin/mailboxes': {
    class: 'intake.mailbox.manage',
    axis: false,
    request: () => ({ url: '/api/admin/mailboxes' }),
  },
  'POST /api/admin/mailboxes': {
    class: 'intake.mailbox.manage',
    axis: false,
    request: () => ({
      url: '/api/admin/mailboxes',
      payload: { name: `Hộp thư ${randomUUID()}`, url: 'imap://intake@127.0.0.1:9', enabled: false },
    }),
  },
  'PATCH /api/admin/mailboxes/:id': {
    class: 'intake.mailbox.manage',
    axis: false,
    request: () => ({ url: `/api/admin/mailboxes/${ids.mailboxId}`, payload: { requireTag: true } }),
  },
  'POST /api/admin/mailboxes/:id/test': {
    class: 'intake.mailbox.manage',
    axis: false,
    request: () => ({ url: `/api/admin/mailboxes/${ids.mailboxId}/test` }),
  },
  'POST /api/admin/mailboxes/:id/poll': {
    class: 'intake.mailbox.manage',
    axis: false,
    request: () => ({ url: `/api/admin/mailboxes/${ids.mailboxId}/poll` }),
  },
  'GET /api/admin/mailboxes/:id/messages': {
    class: 'intake.mailbox.manage',
    axis: false,
    request: () => ({ url: `/api/admin/mailboxes/${ids.mailboxId}/messages` }),
  },
  'GET /api/reports/:id/email-messages': {
    class: 'intake.email.thread',
    axis: true,
    request: (f) => ({ url: `/api/reports/${ids.reportOf.get(f.subjectOrgId) ?? randomUUID()}/email-messages` }),
  },
};
