import { asc } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/platform.ts';
import { ctxOf } from '../../../server/request-context.ts';
import { runCommand } from '../../audit/command.ts';
import { incidentTypes } from '../tables.ts';
import * as s from './api-schemas.ts';
import { createIncidentType, updateIncidentType } from './commands/save-incident-type.ts';
import { authorizeManageReference } from './policy.ts';
import { presentIncidentType } from './presenter.ts';

/** The editable list of incident types (each mapped to an ENISA RSIT pair). */
export function registerIncidentTypeRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;
  const tags = ['incident types'];

  app.get(
    '/api/incident-types',
    {
      config: { routeClass: 'incident.any-user' },
      schema: { tags, summary: 'Incident types (active and retired)', response: { 200: s.incidentTypeList } },
    },
    async () => {
      const rows = await db.select().from(incidentTypes).orderBy(asc(incidentTypes.position), asc(incidentTypes.code));
      return { items: rows.map(presentIncidentType) };
    },
  );

  app.post(
    '/api/incident-types',
    {
      config: { routeClass: 'incident.reference.manage', authorize: authorizeManageReference },
      schema: {
        tags,
        summary: 'Add an incident type',
        body: s.incidentTypeCreateBody,
        response: { 200: s.incidentTypeView },
      },
    },
    async (req) => runCommand(db, ctxOf(platform, req), (scope) => createIncidentType(scope, req.body)),
  );

  app.patch(
    '/api/incident-types/:code',
    {
      config: { routeClass: 'incident.reference.manage', authorize: authorizeManageReference },
      schema: {
        tags,
        summary: 'Change an incident type (names, descriptions, RSIT pair, active); the code stays',
        params: s.typeCodeParams,
        body: s.incidentTypeUpdateBody,
        response: { 200: s.incidentTypeView },
      },
    },
    async (req) =>
      runCommand(db, ctxOf(platform, req), (scope) => updateIncidentType(scope, req.params.code, req.body)),
  );
}
