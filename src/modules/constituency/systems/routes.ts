import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuery } from '../../../platform/pagination.ts';
import type { Platform } from '../../../platform/platform.ts';
import { ctxOf, principalOf } from '../../../server/request-context.ts';
import { runCommand } from '../../audit/command.ts';
import { idParams } from '../../identity/schemas.ts';
import { authorizeManageNetworks } from '../networks/policy.ts';
import {
  addComponent,
  confirmComponentOwnership,
  removeComponent,
  updateComponent,
} from './commands/save-component.ts';
import { createSystem, retireSystem, updateSystem } from './commands/save-system.ts';
import { systemHistory } from './history.ts';
import { authorizeListSystems } from './policy.ts';
import { getSystem, listSystems } from './queries.ts';
import * as s from './schemas.ts';

export function registerSystemsRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;
  const tags = ['information systems'];

  app.get(
    '/api/systems',
    {
      config: { routeClass: 'system.list', authorize: authorizeListSystems },
      schema: {
        tags,
        summary: 'Information systems (scoped: members see what their organisation owns or operates)',
        querystring: s.systemListQuery,
        response: { 200: s.systemPage },
      },
    },
    async (req) => listSystems(db, principalOf(req), req.query),
  );

  app.get(
    '/api/systems/:id',
    {
      config: { routeClass: 'system.read' },
      schema: {
        tags,
        summary: 'One information system with its components',
        params: idParams,
        response: { 200: s.systemDetail },
      },
    },
    async (req) => getSystem(db, principalOf(req), req.params.id),
  );

  app.get(
    '/api/systems/:id/history',
    {
      config: { routeClass: 'system.read' },
      schema: {
        tags,
        summary: 'Changes to the system and its components (audit entries), newest first',
        params: idParams,
        querystring: z.strictObject(pageQuery),
        response: { 200: s.historyPage },
      },
    },
    async (req) => systemHistory(db, principalOf(req), req.params.id, req.query),
  );

  app.post(
    '/api/systems',
    {
      config: { routeClass: 'system.manage' },
      schema: {
        tags,
        summary: 'Register an information system',
        body: s.systemCreateBody,
        response: { 200: s.systemSchema },
      },
    },
    async (req) => runCommand(db, ctxOf(platform, req), (scope) => createSystem(scope, req.body)),
  );

  app.patch(
    '/api/systems/:id',
    {
      config: { routeClass: 'system.manage' },
      schema: {
        tags,
        summary: 'Change an information system',
        params: idParams,
        body: s.systemUpdateBody,
        response: { 200: s.systemSchema },
      },
    },
    async (req) => runCommand(db, ctxOf(platform, req), (scope) => updateSystem(scope, req.params.id, req.body)),
  );

  app.post(
    '/api/systems/:id/retire',
    {
      config: { routeClass: 'system.manage' },
      schema: {
        tags,
        summary: 'Retire an information system (kept with its history)',
        params: idParams,
        response: { 200: s.systemSchema },
      },
    },
    async (req) => runCommand(db, ctxOf(platform, req), (scope) => retireSystem(scope, req.params.id)),
  );

  app.post(
    '/api/systems/:id/components',
    {
      config: { routeClass: 'system.manage' },
      schema: {
        tags,
        summary: 'Add a component (host, URL, range, domain, software)',
        params: idParams,
        body: s.componentBody,
        response: { 200: s.componentSchema },
      },
    },
    async (req) => runCommand(db, ctxOf(platform, req), (scope) => addComponent(scope, req.params.id, req.body)),
  );

  app.post(
    '/api/systems/:id/components/:componentId/confirm-ownership',
    {
      config: { routeClass: 'network.manage', authorize: authorizeManageNetworks },
      schema: {
        tags,
        summary: "Let a component count as an owner inside another organisation's registered space",
        params: s.componentParams,
        response: { 200: s.componentSchema },
      },
    },
    async (req) =>
      runCommand(db, ctxOf(platform, req), (scope) =>
        confirmComponentOwnership(scope, req.params.componentId, req.params.id),
      ),
  );

  app.patch(
    '/api/systems/:id/components/:componentId',
    {
      config: { routeClass: 'system.manage' },
      schema: {
        tags,
        summary: 'Change a component',
        params: s.componentParams,
        body: s.componentUpdateBody,
        response: { 200: s.componentSchema },
      },
    },
    async (req) =>
      runCommand(db, ctxOf(platform, req), (scope) =>
        updateComponent(scope, req.params.componentId, req.body, req.params.id),
      ),
  );

  app.delete(
    '/api/systems/:id/components/:componentId',
    {
      config: { routeClass: 'system.manage' },
      schema: { tags, summary: 'Remove a component', params: s.componentParams },
    },
    async (req, reply) => {
      await runCommand(db, ctxOf(platform, req), (scope) =>
        removeComponent(scope, req.params.componentId, req.params.id),
      );
      return reply.status(204).send();
    },
  );
}
