import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/platform.ts';
import { ctxOf, principalOf } from '../../../server/request-context.ts';
import { runCommand } from '../../audit/command.ts';
import { idParams } from '../../identity/schemas.ts';
import { addNetwork, removeNetwork } from './commands/save-network.ts';
import { componentClaimsResponse, listComponentClaims } from './component-claims.ts';
import { lookupOwnership } from './lookup.ts';
import { listOverlaps } from './overlaps.ts';
import { ownershipService, stopOwnershipService } from './ownership-service.ts';
import { authorizeLookup, authorizeManageNetworks, authorizeOverlapReport } from './policy.ts';
import { listNetworks } from './queries.ts';
import * as s from './schemas.ts';

export function registerNetworkRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;
  const tags = ['network ownership'];
  root.addHook('onClose', () => stopOwnershipService(platform));

  app.get(
    '/api/ownership',
    {
      config: { routeClass: 'ownership.lookup', authorize: authorizeLookup },
      schema: {
        tags,
        summary: 'Who owns this IP, range, domain, URL or e-mail? Every owner, most specific first',
        querystring: s.lookupQuery,
        response: { 200: s.lookupResponse },
      },
    },
    async (req) => lookupOwnership(platform, principalOf(req), req.query.value),
  );

  app.get(
    '/api/networks/overlaps',
    {
      config: { routeClass: 'network.overlaps', authorize: authorizeOverlapReport },
      schema: {
        tags,
        summary: 'Ranges and domains claimed by two organisations (ties and nested claims)',
        querystring: s.overlapQuery,
        response: { 200: s.overlapPage },
      },
    },
    async (req) => listOverlaps(platform.pool, principalOf(req), req.query),
  );

  app.get(
    '/api/networks/component-claims',
    {
      config: { routeClass: 'network.overlaps', authorize: authorizeOverlapReport },
      schema: {
        tags,
        summary: "System components inside another organisation's registered space, awaiting a coordinator",
        response: { 200: componentClaimsResponse },
      },
    },
    async (req) => listComponentClaims(platform, principalOf(req)),
  );

  app.get(
    '/api/organisations/:id/networks',
    {
      config: { routeClass: 'network.read' },
      schema: {
        tags,
        summary: "An organisation's ranges, domains or ASNs (kind=range|domain|asn), conflicts flagged",
        params: idParams,
        querystring: s.networkListQuery,
        response: { 200: s.networkPage },
      },
    },
    async (req) => listNetworks(platform.pool, principalOf(req), req.params.id, req.query),
  );

  app.post(
    '/api/organisations/:id/networks',
    {
      config: { routeClass: 'network.manage', authorize: authorizeManageNetworks },
      schema: {
        tags,
        summary: 'Add a range, domain or ASN to an organisation (normalised; overlaps allowed and flagged)',
        params: idParams,
        body: s.networkBody,
        response: { 201: s.networkEntry },
      },
    },
    async (req, reply) => {
      const entry = await runCommand(db, ctxOf(platform, req), (scope) => addNetwork(scope, req.params.id, req.body));
      // Read-your-writes on this instance; the others follow the NOTIFY.
      await ownershipService(platform).refresh();
      return reply.status(201).send(entry);
    },
  );

  app.delete(
    '/api/organisations/:id/networks/:kind/:entryId',
    {
      config: { routeClass: 'network.manage', authorize: authorizeManageNetworks },
      schema: { tags, summary: 'Remove a range, domain or ASN', params: s.networkEntryParams },
    },
    async (req, reply) => {
      await runCommand(db, ctxOf(platform, req), (scope) =>
        removeNetwork(scope, req.params.id, req.params.kind, req.params.entryId),
      );
      await ownershipService(platform).refresh();
      return reply.status(204).send();
    },
  );
}
