import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../../platform/platform.ts';
import { ctxOf, principalOf } from '../../../server/request-context.ts';
import { runCommand } from '../../audit/command.ts';
import { authorizeIrTeam } from '../policy.ts';
import { authorizeComment } from './access.ts';
import { addObservables } from './commands/add-observables.ts';
import { addTimelineEntry } from './commands/add-timeline-entry.ts';
import { removeObservable, updateObservable } from './commands/change-observable.ts';
import { addComment, listComments } from './comments/comments.ts';
import { getIndicator, listIndicators } from './indicators/queries.ts';
import { addLink, listLinks, removeLink } from './links/links.ts';
import { mergeIncidents } from './merge/merge-incidents.ts';
import { splitIncident } from './merge/split-incident.ts';
import { listObservables } from './observables/queries.ts';
import * as s from './schemas.ts';
import { listTimeline } from './timeline/queries.ts';

const ok = z.object({ ok: z.literal(true) });

/** The casework routes of the incidents area (route classes `incident.*`). */
export function registerCaseworkRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;
  const tags = ['incidents: casework'];
  const run = <T>(req: Parameters<typeof ctxOf>[1], fn: Parameters<typeof runCommand<T>>[2]) =>
    runCommand(db, ctxOf(platform, req), fn);

  app.get(
    '/api/incidents/:id/observables',
    {
      config: { routeClass: 'incident.read' },
      schema: {
        tags,
        summary: 'Observables of an incident (those the user may see), with owners and indicator ids',
        params: s.incidentParams,
        querystring: s.observableListQuery,
        response: { 200: s.observablePage },
      },
    },
    async (req) => listObservables(platform, principalOf(req), req.params.id, req.query),
  );

  app.post(
    '/api/incidents/:id/observables',
    {
      config: { routeClass: 'incident.work' },
      schema: {
        tags,
        summary: 'Add observables: typed items and/or pasted text (defanged forms are refanged)',
        params: s.incidentParams,
        body: s.observableAddBody,
        response: { 200: s.observableAddResult },
      },
    },
    async (req) => run(req, (scope) => addObservables(scope, req.params.id, req.body)),
  );

  app.patch(
    '/api/incidents/:id/observables/:oid',
    {
      config: { routeClass: 'incident.work' },
      schema: {
        tags,
        summary: 'Change the IOC flag, TLP or note of an observable',
        params: s.observableParams,
        body: s.observableUpdateBody,
        response: { 200: s.observableSchema },
      },
    },
    async (req) => run(req, (scope) => updateObservable(platform, scope, req.params.id, req.params.oid, req.body)),
  );

  app.delete(
    '/api/incidents/:id/observables/:oid',
    {
      config: { routeClass: 'incident.work' },
      schema: { tags, summary: 'Remove an observable from the incident', params: s.observableParams },
    },
    async (req, reply) => {
      await run(req, (scope) => removeObservable(scope, req.params.id, req.params.oid));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/indicators',
    {
      config: { routeClass: 'incident.ir-team', authorize: authorizeIrTeam },
      schema: {
        tags,
        summary: 'Indicators of the constituency, most recently seen first',
        querystring: s.indicatorListQuery,
        response: { 200: s.indicatorPage },
      },
    },
    async (req) => listIndicators(db, principalOf(req), req.query),
  );

  app.get(
    '/api/indicators/:id',
    {
      config: { routeClass: 'incident.ir-team', authorize: authorizeIrTeam },
      schema: {
        tags,
        summary: 'One indicator: first and last seen, and the incidents it was seen in',
        params: s.incidentParams,
        response: { 200: s.indicatorDetail },
      },
    },
    async (req) => getIndicator(db, principalOf(req), req.params.id),
  );

  app.get(
    '/api/incidents/:id/timeline',
    {
      config: { routeClass: 'incident.read' },
      schema: {
        tags,
        summary: 'Timeline, in the order things happened (occurred) with when each was recorded',
        params: s.incidentParams,
        querystring: s.timelineQuery,
        response: { 200: s.timelinePage },
      },
    },
    async (req) => listTimeline(db, principalOf(req), req.params.id, req.query),
  );

  app.post(
    '/api/incidents/:id/timeline',
    {
      config: { routeClass: 'incident.work' },
      schema: {
        tags,
        summary: 'Write down something that happened (occurredAt in the past)',
        params: s.incidentParams,
        body: s.timelineAddBody,
        response: { 200: ok },
      },
    },
    async (req) => run(req, (scope) => addTimelineEntry(scope, req.params.id, req.body)),
  );

  app.get(
    '/api/incidents/:id/comments',
    {
      config: { routeClass: 'incident.read' },
      schema: {
        tags,
        summary: 'Comments: the IR team reads internal and shared ones, others shared ones only',
        params: s.incidentParams,
        querystring: s.commentQuery,
        response: { 200: s.commentPage },
      },
    },
    async (req) => listComments(db, principalOf(req), req.params.id, req.query),
  );

  app.post(
    '/api/incidents/:id/comments',
    {
      config: { routeClass: 'incident.comment', authorize: authorizeComment },
      schema: {
        tags,
        summary: 'Write a comment (internal: IR team only; shared: everyone who sees the incident)',
        params: s.incidentParams,
        body: s.commentAddBody,
        response: { 200: s.commentSchema },
      },
    },
    async (req) => run(req, (scope) => addComment(scope, req.params.id, req.body)),
  );

  app.get(
    '/api/incidents/:id/links',
    {
      config: { routeClass: 'incident.read' },
      schema: {
        tags,
        summary: 'Linked incidents (those the user may see)',
        params: s.incidentParams,
        response: { 200: s.linkList },
      },
    },
    async (req) => listLinks(db, principalOf(req), req.params.id),
  );

  app.post(
    '/api/incidents/:id/links',
    {
      config: { routeClass: 'incident.work' },
      schema: {
        tags,
        summary: 'Link this incident to another (by id or number); case work on both',
        params: s.incidentParams,
        body: s.linkAddBody,
        response: { 200: ok },
      },
    },
    async (req) => run(req, (scope) => addLink(scope, req.params.id, req.body)),
  );

  app.delete(
    '/api/incidents/:id/links/:otherId',
    {
      config: { routeClass: 'incident.work' },
      schema: { tags, summary: 'Remove a link between two incidents', params: s.linkParams },
    },
    async (req, reply) => {
      await run(req, (scope) => removeLink(scope, req.params.id, req.params.otherId));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/incidents/:id/merge',
    {
      config: { routeClass: 'incident.work' },
      schema: {
        tags,
        summary: 'Merge this incident into another (by id or number): its contents move, it becomes a duplicate',
        params: s.incidentParams,
        body: s.mergeBody,
        response: { 200: s.mergeResult },
      },
    },
    async (req) => run(req, (scope) => mergeIncidents(scope, req.params.id, req.body)),
  );

  app.post(
    '/api/incidents/:id/split',
    {
      config: { routeClass: 'incident.work' },
      schema: {
        tags,
        summary: 'Split chosen observables, tasks and reports off into a new incident',
        params: s.incidentParams,
        body: s.splitBody,
        response: { 200: s.splitResult },
      },
    },
    async (req) => run(req, (scope) => splitIncident(scope, req.params.id, req.body)),
  );
}
