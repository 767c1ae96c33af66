import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/platform.ts';
import { ctxOf, principalOf } from '../../../server/request-context.ts';
import { idParams } from '../../identity/schemas.ts';
import { createMailbox, updateMailbox } from './commands/save-mailbox.ts';
import { authorizeManageMailboxes } from './policy.ts';
import { pollMailbox } from './poll-mailbox.ts';
import { presentMailbox } from './presenter.ts';
import { getMailbox, listMailboxes, listMailboxMessages, reportEmailThread } from './queries.ts';
import * as s from './schemas.ts';
import { testMailbox } from './test-mailbox.ts';

/** Intake mailboxes (admin page) and a report's e-mail thread. */
export function registerEmailIntakeRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;
  const key = platform.keys.mailboxSecrets;
  const tags = ['e-mail intake'];
  const admin = { routeClass: 'intake.mailbox.manage', authorize: authorizeManageMailboxes };

  app.get(
    '/api/admin/mailboxes',
    {
      config: admin,
      schema: { tags, summary: 'Intake mailboxes with their last poll', response: { 200: s.mailboxList } },
    },
    async () => listMailboxes(db),
  );

  app.post(
    '/api/admin/mailboxes',
    {
      config: admin,
      schema: { tags, summary: 'Add an intake mailbox', body: s.mailboxCreateBody, response: { 201: s.mailboxReply } },
    },
    async (req, reply) => {
      const row = await createMailbox(db, ctxOf(platform, req), key, req.body);
      return reply.status(201).send({ item: presentMailbox(row) });
    },
  );

  app.patch(
    '/api/admin/mailboxes/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Change or disable an intake mailbox (a password left out stays)',
        params: idParams,
        body: s.mailboxUpdateBody,
        response: { 200: s.mailboxReply },
      },
    },
    async (req) => ({
      item: presentMailbox(await updateMailbox(db, ctxOf(platform, req), key, req.params.id, req.body)),
    }),
  );

  app.post(
    '/api/admin/mailboxes/:id/test',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Log in and open the folder (nothing is read or changed)',
        params: idParams,
        response: { 200: s.testResult },
      },
    },
    async (req) => testMailbox(await getMailbox(db, req.params.id), key),
  );

  app.post(
    '/api/admin/mailboxes/:id/poll',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Poll the mailbox now (as the scheduled job does)',
        params: idParams,
        response: { 200: s.pollResult },
      },
    },
    async (req) => {
      await getMailbox(db, req.params.id);
      const r = await pollMailbox(platform, req.params.id);
      return { status: r.status, error: r.error ?? null, counts: r.counts };
    },
  );

  app.get(
    '/api/admin/mailboxes/:id/messages',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Messages taken from the mailbox, newest first (failed and ignored ones with their raw file)',
        params: idParams,
        querystring: s.messageListQuery,
        response: { 200: s.mailMessageList },
      },
    },
    async (req) => listMailboxMessages(db, req.params.id, req.query),
  );

  app.get(
    '/api/reports/:id/email-messages',
    {
      config: { routeClass: 'intake.email.thread' },
      schema: {
        tags,
        summary: 'The e-mail thread of a report: the message it came from and the replies threaded into it',
        params: idParams,
        response: { 200: s.mailMessageList },
      },
    },
    async (req) => reportEmailThread(db, principalOf(req), req.params.id),
  );
}
