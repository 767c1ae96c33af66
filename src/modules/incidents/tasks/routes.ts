import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/database.ts';
import type { Platform } from '../../../platform/platform.ts';
import { ctxOf, principalOf } from '../../../server/request-context.ts';
import { runCommand } from '../../audit/command.ts';
import { loadIncident } from '../load-incident.ts';
import { registerPlaybookRoutes } from '../playbooks/routes.ts';
import { authorizeSeeIncident, authorizeWorkIncident } from '../policy.ts';
import { registerIncidentTypeRoutes } from '../types/routes.ts';
import { listAssignableUsers } from './assignable-users.ts';
import { addEvidence } from './commands/add-evidence.ts';
import { applyPlaybook } from './commands/apply-playbook.ts';
import { createTask } from './commands/create-task.ts';
import { recordCustody } from './commands/record-custody.ts';
import { updateTask } from './commands/update-task.ts';
import { downloadEvidence } from './download-evidence.ts';
import { getEvidence, listCustody, listEvidence, listTasks } from './queries.ts';
import * as s from './schemas.ts';

async function seenIncident(db: Db, req: Parameters<typeof principalOf>[0], id: string) {
  const loaded = await loadIncident(db, id);
  authorizeSeeIncident(principalOf(req), loaded.access);
  return loaded;
}

/** The tasks routes of the incidents area (route classes `incident.*`): types, playbooks, tasks, evidence. */
export function registerTaskRoutes(root: FastifyInstance, platform: Platform): void {
  registerIncidentTypeRoutes(root, platform);
  registerPlaybookRoutes(root, platform);
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;
  const tags = ['incident tasks and evidence'];

  app.post(
    '/api/incidents/:id/playbooks/:code/apply',
    {
      config: { routeClass: 'incident.work' },
      schema: {
        tags,
        summary: "Instantiate a playbook's tasks (a task already added from it is not added again)",
        params: s.applyParams,
        response: { 200: s.applyResult },
      },
    },
    async (req) =>
      runCommand(db, ctxOf(platform, req), (scope) => applyPlaybook(scope, req.params.id, req.params.code)),
  );

  app.get(
    '/api/incidents/:id/tasks',
    {
      config: { routeClass: 'incident.read' },
      schema: {
        tags,
        summary: "An incident's tasks in order",
        params: s.incidentParams,
        response: { 200: s.taskList },
      },
    },
    async (req) => {
      await seenIncident(db, req, req.params.id);
      return { items: await listTasks(db, req.params.id, platform.clock.now()) };
    },
  );

  app.get(
    '/api/incidents/:id/assignable-users',
    {
      config: { routeClass: 'incident.work' },
      schema: {
        tags,
        summary:
          'Up to 20 users a task on this incident may go to (they may see it, TLP included); q searches without diacritics',
        params: s.incidentParams,
        querystring: s.assignableQuery,
        response: { 200: s.assignableList },
      },
    },
    async (req) => {
      const loaded = await loadIncident(db, req.params.id);
      authorizeWorkIncident(principalOf(req), loaded.access);
      return { items: await listAssignableUsers(db, loaded, req.query.q) };
    },
  );

  app.post(
    '/api/incidents/:id/tasks',
    {
      config: { routeClass: 'incident.work' },
      schema: {
        tags,
        summary: 'Add an ad-hoc task',
        params: s.incidentParams,
        body: s.taskCreateBody,
        response: { 200: s.taskView },
      },
    },
    async (req) => runCommand(db, ctxOf(platform, req), (scope) => createTask(scope, req.params.id, req.body)),
  );

  app.patch(
    '/api/incidents/:id/tasks/:taskId',
    {
      config: { routeClass: 'incident.work' },
      schema: {
        tags,
        summary: 'Change a task (status, assignee, due, title, checklist ticks)',
        params: s.taskParams,
        body: s.taskUpdateBody,
        response: { 200: s.taskView },
      },
    },
    async (req) =>
      runCommand(db, ctxOf(platform, req), (scope) => updateTask(scope, req.params.id, req.params.taskId, req.body)),
  );

  app.post(
    '/api/incidents/:id/evidence',
    {
      config: { routeClass: 'incident.work' },
      schema: {
        tags,
        summary: 'Take an uploaded file (POST /api/files) into evidence, starting its chain of custody',
        params: s.incidentParams,
        body: s.evidenceCreateBody,
        response: { 200: s.evidenceView },
      },
    },
    async (req) => runCommand(db, ctxOf(platform, req), (scope) => addEvidence(scope, req.params.id, req.body)),
  );

  app.get(
    '/api/incidents/:id/evidence',
    {
      config: { routeClass: 'incident.read' },
      schema: {
        tags,
        summary: "An incident's evidence (SHA-256, size, sniffed type, name)",
        params: s.incidentParams,
        response: { 200: s.evidenceList },
      },
    },
    async (req) => {
      await seenIncident(db, req, req.params.id);
      return { items: await listEvidence(db, req.params.id) };
    },
  );

  app.get(
    '/api/incidents/:id/evidence/:evidenceId/download',
    {
      config: { routeClass: 'incident.read' },
      schema: { tags, summary: 'Download an evidence file (audited, a custody entry)', params: s.evidenceParams },
    },
    async (req, reply) =>
      downloadEvidence(db, ctxOf(platform, req), platform.blobs, reply, req.params.id, req.params.evidenceId),
  );

  app.get(
    '/api/incidents/:id/evidence/:evidenceId/custody',
    {
      config: { routeClass: 'incident.read' },
      schema: { tags, summary: 'The chain of custody', params: s.evidenceParams, response: { 200: s.custodyList } },
    },
    async (req) => {
      await seenIncident(db, req, req.params.id);
      await getEvidence(db, req.params.id, req.params.evidenceId);
      return { items: await listCustody(db, req.params.evidenceId) };
    },
  );

  app.post(
    '/api/incidents/:id/evidence/:evidenceId/custody',
    {
      config: { routeClass: 'incident.work' },
      schema: {
        tags,
        summary: 'Record a hand-over or an export of the evidence',
        params: s.evidenceParams,
        body: s.custodyCreateBody,
        response: { 200: s.custodyView },
      },
    },
    async (req) =>
      runCommand(db, ctxOf(platform, req), (scope) =>
        recordCustody(scope, req.params.id, req.params.evidenceId, req.body),
      ),
  );
}
