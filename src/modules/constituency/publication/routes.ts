import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parseAllowlist } from '../../../platform/fetch-guard.ts';
import type { Platform } from '../../../platform/platform.ts';
import { ctxOf, principalOf } from '../../../server/request-context.ts';
import { idParams } from '../../identity/schemas.ts';
import { contactSchema } from '../schemas.ts';
import { checkPortal } from './commands/check-portal.ts';
import { confirmContact } from './commands/confirm-contact.ts';
import { savePortal } from './commands/save-portal.ts';
import { authorizeListPublication } from './policy.ts';
import { getPublication, listChecks, listPublicationStatus, publicationSummary } from './queries.ts';
import * as s from './schemas.ts';

/** Contact publication on portals (R8): portal URL, checks with evidence, "my contact is current". */
export function registerPublicationRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;
  const tags = ['publication'];

  app.get(
    '/api/organisations/:id/publication',
    {
      config: { routeClass: 'publication.read' },
      schema: {
        tags,
        summary: 'Portal URL and latest check',
        params: idParams,
        response: { 200: s.publicationSchema },
      },
    },
    async (req) => getPublication(db, principalOf(req), req.params.id),
  );

  app.put(
    '/api/organisations/:id/publication/portal',
    {
      config: { routeClass: 'publication.manage' },
      schema: {
        tags,
        summary: 'Set or remove (null) the portal page that publishes the contact',
        params: idParams,
        body: s.portalBody,
        response: { 200: s.portalSchema.nullable() },
      },
    },
    async (req) =>
      savePortal(
        db,
        ctxOf(platform, req),
        req.params.id,
        req.body.url,
        parseAllowlist(platform.config.fetchAllow ?? []),
      ),
  );

  app.post(
    '/api/organisations/:id/publication/check',
    {
      config: { routeClass: 'publication.manage' },
      schema: { tags, summary: 'Check the portal page now', params: idParams, response: { 200: s.checkSchema } },
    },
    async (req) => checkPortal(platform, ctxOf(platform, req), req.params.id, 'manual'),
  );

  app.get(
    '/api/organisations/:id/publication/checks',
    {
      config: { routeClass: 'publication.read' },
      schema: {
        tags,
        summary: 'History of checks (evidence), newest first',
        params: idParams,
        querystring: s.checksQuery,
        response: { 200: s.checksPage },
      },
    },
    async (req) => listChecks(db, principalOf(req), req.params.id, req.query),
  );

  app.post(
    '/api/contacts/:id/confirm',
    {
      config: { routeClass: 'contact.confirm' },
      schema: {
        tags,
        summary: 'Confirm the contact point is current',
        params: idParams,
        response: { 200: contactSchema },
      },
    },
    async (req) => confirmContact(db, ctxOf(platform, req), req.params.id),
  );

  app.get(
    '/api/publication/status',
    {
      config: { routeClass: 'publication.list', authorize: authorizeListPublication },
      schema: {
        tags,
        summary: 'Publication status of every active organisation',
        querystring: s.statusQuery,
        response: { 200: s.statusPage },
      },
    },
    async (req) => listPublicationStatus(db, principalOf(req), req.query),
  );

  app.get(
    '/api/publication/summary',
    {
      config: { routeClass: 'publication.list', authorize: authorizeListPublication },
      schema: { tags, summary: 'Organisations by publication status', response: { 200: s.statusSummary } },
    },
    async (req) => publicationSummary(db, principalOf(req)),
  );
}
