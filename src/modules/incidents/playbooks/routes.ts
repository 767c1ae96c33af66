import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { ctxOf } from '../../../server/request-context.ts';
import { runCommand } from '../../audit/command.ts';
import { playbooks } from '../tables.ts';
import { authorizeManageReference } from '../types/policy.ts';
import * as s from './api-schemas.ts';
import { createPlaybook, replacePlaybook } from './commands/save-playbook.ts';
import { presentPlaybook, presentPlaybookSummary } from './presenter.ts';

/** Response playbooks: everyone logged in reads them (responders apply them); admins and coordinators edit. */
export function registerPlaybookRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;
  const tags = ['incident playbooks'];

  app.get(
    '/api/playbooks',
    {
      config: { routeClass: 'incident.any-user' },
      schema: { tags, summary: 'Response playbooks', response: { 200: s.playbookList } },
    },
    async () => {
      const rows = await db.select().from(playbooks).orderBy(asc(playbooks.code));
      return { items: rows.map(presentPlaybookSummary) };
    },
  );

  app.get(
    '/api/playbooks/:code',
    {
      config: { routeClass: 'incident.any-user' },
      schema: {
        tags,
        summary: 'One playbook with its body',
        params: s.playbookCodeParams,
        response: { 200: s.playbookDetail },
      },
    },
    async (req) => {
      const [row] = await db.select().from(playbooks).where(eq(playbooks.code, req.params.code));
      if (!row) throw new AppError(404, 'playbook_not_found', { code: req.params.code });
      return presentPlaybook(row);
    },
  );

  app.post(
    '/api/playbooks',
    {
      config: { routeClass: 'incident.reference.manage', authorize: authorizeManageReference },
      schema: { tags, summary: 'Add a playbook', body: s.playbookCreateBody, response: { 200: s.playbookDetail } },
    },
    async (req) => runCommand(db, ctxOf(platform, req), (scope) => createPlaybook(scope, req.body.playbook)),
  );

  app.put(
    '/api/playbooks/:code',
    {
      config: { routeClass: 'incident.reference.manage', authorize: authorizeManageReference },
      schema: {
        tags,
        summary: 'Replace a playbook (version + 1, audited with before/after)',
        params: s.playbookCodeParams,
        body: s.playbookReplaceBody,
        response: { 200: s.playbookDetail },
      },
    },
    async (req) =>
      runCommand(db, ctxOf(platform, req), (scope) =>
        replacePlaybook(scope, req.params.code, req.body.playbook, req.body.active),
      ),
  );
}
