import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/platform.ts';
import { ctxOf, principalOf } from '../../server/request-context.ts';
import { idParams } from '../identity/schemas.ts';
import { mergeOrganisation } from './commands/merge-organisation.ts';
import { createContact, deleteContact, updateContact } from './commands/save-contact.ts';
import { createOrganisation, updateOrganisation } from './commands/save-organisation.ts';
import { authorizeManageOrganisations } from './policy.ts';
import { getOrganisation, listOrganisations, organisationStats } from './queries.ts';
import * as s from './schemas.ts';
import { organisationTree, orgTree } from './tree.ts';

export function registerConstituencyRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;

  app.get(
    '/api/organisations',
    {
      config: { routeClass: 'org.list' },
      schema: {
        tags: ['organisations'],
        summary: 'Organisations (scoped)',
        querystring: s.orgListQuery,
        response: { 200: s.orgPage },
      },
    },
    async (req) => listOrganisations(db, principalOf(req), req.query),
  );

  app.get(
    '/api/organisations/stats',
    {
      config: { routeClass: 'org.list' },
      schema: {
        tags: ['organisations'],
        summary: 'Active organisations by kind',
        response: { 200: z.object({ byKind: z.record(z.string(), z.number()) }) },
      },
    },
    async (req) => organisationStats(db, principalOf(req)),
  );

  app.get(
    '/api/organisations/tree',
    {
      config: { routeClass: 'org.list' },
      schema: {
        tags: ['organisations'],
        summary: 'Every organisation the caller may see, in the fields of a tree (capped, see `capped`)',
        response: { 200: orgTree },
      },
    },
    async (req) => organisationTree(db, principalOf(req)),
  );

  app.get(
    '/api/organisations/:id',
    {
      config: { routeClass: 'org.read' },
      schema: {
        tags: ['organisations'],
        summary: 'One organisation with its contact points',
        params: idParams,
        response: { 200: s.orgDetail },
      },
    },
    async (req) => getOrganisation(db, principalOf(req), req.params.id),
  );

  app.post(
    '/api/organisations',
    {
      config: { routeClass: 'org.create', authorize: authorizeManageOrganisations },
      schema: {
        tags: ['organisations'],
        summary: 'Create an organisation',
        body: s.orgCreateBody,
        response: { 200: s.organisationSchema },
      },
    },
    async (req) => createOrganisation(db, ctxOf(platform, req), req.body),
  );

  app.patch(
    '/api/organisations/:id',
    {
      config: { routeClass: 'org.manage', authorize: authorizeManageOrganisations },
      schema: {
        tags: ['organisations'],
        summary: 'Change an organisation',
        params: idParams,
        body: s.orgUpdateBody,
        response: { 200: s.organisationSchema },
      },
    },
    async (req) => updateOrganisation(db, ctxOf(platform, req), req.params.id, req.body),
  );

  app.post(
    '/api/organisations/:id/merge',
    {
      config: { routeClass: 'org.manage', authorize: authorizeManageOrganisations },
      schema: {
        tags: ['organisations'],
        summary: 'Merge into a successor: validity ends, users move to the successor',
        params: idParams,
        body: s.mergeBody,
        response: { 200: s.mergeReply },
      },
    },
    async (req) => mergeOrganisation(db, ctxOf(platform, req), req.params.id, req.body),
  );

  app.get(
    '/api/organisations/:id/contacts',
    {
      config: { routeClass: 'org.read' },
      schema: {
        tags: ['organisations'],
        summary: 'Contact points of an organisation',
        params: idParams,
        response: { 200: z.object({ items: z.array(s.contactSchema) }) },
      },
    },
    // getOrganisation applies the read policy.
    async (req) => ({ items: (await getOrganisation(db, principalOf(req), req.params.id)).contacts }),
  );

  app.post(
    '/api/organisations/:id/contacts',
    {
      config: { routeClass: 'contact.manage' },
      schema: {
        tags: ['organisations'],
        summary: 'Add a contact point',
        params: idParams,
        body: s.contactBody,
        response: { 200: s.contactSchema },
      },
    },
    async (req) => createContact(db, ctxOf(platform, req), req.params.id, req.body),
  );

  app.patch(
    '/api/contacts/:id',
    {
      config: { routeClass: 'contact.manage' },
      schema: {
        tags: ['organisations'],
        summary: 'Change a contact point',
        params: idParams,
        body: s.contactUpdateBody,
        response: { 200: s.contactSchema },
      },
    },
    async (req) => updateContact(db, ctxOf(platform, req), req.params.id, req.body),
  );

  app.delete(
    '/api/contacts/:id',
    {
      config: { routeClass: 'contact.manage' },
      schema: { tags: ['organisations'], summary: 'Remove a contact point', params: idParams },
    },
    async (req, reply) => {
      await deleteContact(db, ctxOf(platform, req), req.params.id);
      return reply.status(204).send();
    },
  );
}
