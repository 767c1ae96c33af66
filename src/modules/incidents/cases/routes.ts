import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/platform.ts';
import { ctxOf, principalOf } from '../../../server/request-context.ts';
import { runCommand } from '../../audit/command.ts';
import { idParams } from '../../identity/schemas.ts';
import { createIncident } from '../commands/create-incident.ts';
import { authorizeIrTeam } from '../policy.ts';
import { savedViews } from '../tables.ts';
import { changeStatus } from './commands/change-status.ts';
import { deleteView, saveView, VIEW_SCOPE } from './commands/saved-views.ts';
import { setMembers } from './commands/set-members.ts';
import { setOrganisations, setSystems } from './commands/set-organisations.ts';
import { setSerious } from './commands/set-serious.ts';
import { updateIncident } from './commands/update-incident.ts';
import { incidentDashboard } from './dashboard.ts';
import { csvStream, exportRows, xlsxStream } from './export.ts';
import { getIncident } from './get-incident.ts';
import { listIncidents } from './list-incidents.ts';
import * as s from './schemas.ts';
import { suggestAffected } from './suggestions.ts';

/** The cases routes of the incidents area (route classes `incident.*`). */
export function registerCaseRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;
  const tags = ['incidents'];
  const read = { routeClass: 'incident.read' } as const;
  const work = { routeClass: 'incident.work' } as const;
  const anyUser = { routeClass: 'incident.any-user' } as const;

  app.get(
    '/api/incidents',
    {
      config: anyUser,
      schema: {
        tags,
        summary: 'Incidents visible to the caller, filtered, newest first',
        querystring: s.incidentListQuery,
      },
    },
    async (req) => listIncidents(db, principalOf(req), req.query),
  );

  app.get(
    '/api/incidents/export',
    {
      config: anyUser,
      schema: { tags, summary: 'The filtered list as CSV or XLSX (at most 50,000 rows)', querystring: s.exportQuery },
    },
    async (req, reply) => {
      const { format, lang, ...filter } = req.query;
      const rows = exportRows(db, principalOf(req), filter);
      const stamp = new Date(platform.clock.now().getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
      reply.header(
        'content-disposition',
        `attachment; filename="${lang === 'en' ? 'incidents' : 'su-co'}-${stamp}.${format}"`,
      );
      if (format === 'xlsx') {
        reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        return reply.send(xlsxStream(rows, lang));
      }
      reply.type('text/csv; charset=utf-8');
      return reply.send(csvStream(rows, lang));
    },
  );

  app.get(
    '/api/incidents/dashboard',
    { config: anyUser, schema: { tags, summary: 'Incident figures over what the caller may see' } },
    async (req) => incidentDashboard(db, principalOf(req), platform.clock.now()),
  );

  app.post(
    '/api/incidents',
    {
      config: { routeClass: 'incident.ir-team', authorize: authorizeIrTeam },
      schema: { tags, summary: 'Open an incident directly (IR team)', body: s.incidentCreateBody },
    },
    async (req) =>
      runCommand(db, ctxOf(platform, req), (scope) =>
        createIncident(scope, { ...req.body, status: 'new', members: [] }),
      ),
  );

  app.get(
    '/api/incidents/:id',
    { config: read, schema: { tags, summary: 'One incident with its parties, verdict and counts', params: idParams } },
    async (req) => getIncident(db, principalOf(req), req.params.id, platform.clock.now()),
  );

  app.patch(
    '/api/incidents/:id',
    {
      config: work,
      schema: {
        tags,
        summary: 'Edit fields (optimistic `version`: 409 when stale)',
        params: idParams,
        body: s.incidentPatchBody,
      },
    },
    async (req) => runCommand(db, ctxOf(platform, req), (scope) => updateIncident(scope, req.params.id, req.body)),
  );

  app.post(
    '/api/incidents/:id/status',
    {
      config: work,
      schema: {
        tags,
        summary: 'Change status along the lifecycle; closing needs the Mẫu 05 facts',
        params: idParams,
        body: s.statusBody,
      },
    },
    async (req) => runCommand(db, ctxOf(platform, req), (scope) => changeStatus(scope, req.params.id, req.body)),
  );

  app.put(
    '/api/incidents/:id/serious',
    {
      config: work,
      schema: {
        tags,
        summary: 'Serious-incident checklist (QĐ 05 Điều 9) answers',
        params: idParams,
        body: s.seriousBody,
      },
    },
    async (req) => runCommand(db, ctxOf(platform, req), (scope) => setSerious(scope, req.params.id, req.body.answers)),
  );

  app.put(
    '/api/incidents/:id/members',
    { config: work, schema: { tags, summary: 'Users named on the incident', params: idParams, body: s.membersBody } },
    async (req) => runCommand(db, ctxOf(platform, req), (scope) => setMembers(scope, req.params.id, req.body.members)),
  );

  app.put(
    '/api/incidents/:id/organisations',
    { config: work, schema: { tags, summary: 'Involved organisations', params: idParams, body: s.organisationsBody } },
    async (req) =>
      runCommand(db, ctxOf(platform, req), (scope) =>
        setOrganisations(scope, req.params.id, req.body.organisations, req.body.version),
      ),
  );

  app.put(
    '/api/incidents/:id/systems',
    { config: work, schema: { tags, summary: 'Affected information systems', params: idParams, body: s.systemsBody } },
    async (req) =>
      runCommand(db, ctxOf(platform, req), (scope) =>
        setSystems(scope, req.params.id, req.body.systemIds, req.body.version),
      ),
  );

  app.get(
    '/api/incidents/:id/suggestions',
    {
      config: read,
      schema: { tags, summary: 'Organisations and systems owning its observables, not yet on it', params: idParams },
    },
    async (req) => suggestAffected(platform, db, principalOf(req), req.params.id),
  );

  app.get(
    '/api/incident-views',
    { config: anyUser, schema: { tags, summary: 'My saved incident list views' } },
    async (req) => {
      const rows = await db
        .select({ id: savedViews.id, name: savedViews.name, filters: savedViews.filters })
        .from(savedViews)
        .where(and(eq(savedViews.userId, principalOf(req).userId), eq(savedViews.scope, VIEW_SCOPE)))
        .orderBy(asc(savedViews.name));
      return { items: rows };
    },
  );

  app.post(
    '/api/incident-views',
    { config: anyUser, schema: { tags, summary: 'Save a list view', body: s.viewBody } },
    async (req) => runCommand(db, ctxOf(platform, req), (scope) => saveView(scope, req.body)),
  );

  app.delete(
    '/api/incident-views/:id',
    {
      config: { routeClass: 'incident.own-view' },
      schema: { tags, summary: 'Delete one of my views', params: idParams },
    },
    async (req, reply) => {
      await runCommand(db, ctxOf(platform, req), (scope) => deleteView(scope, req.params.id));
      return reply.status(204).send();
    },
  );
}
