import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { unauthenticated } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { ctxOf, principalOf } from '../../../server/request-context.ts';
import { runCommand } from '../../audit/command.ts';
import { idParams } from '../../identity/schemas.ts';
import { ReportBatcher } from '../../intake/api/report-batcher.ts';
import { authorizeIrTeam } from '../policy.ts';
import { authorizeSubmitReport } from './commands/submit-report.ts';
import { triageReport } from './commands/triage-report.ts';
import { getReport, listReports, similarTo } from './queries.ts';
import * as s from './schemas.ts';

/** The reports routes of the incidents area (route classes `incident.*`). */
export function registerIntakeRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;
  const tags = ['incident reports'];
  // Group commit (intake at load, #6): concurrent reports share one transaction.
  const batcher = new ReportBatcher(db, {
    onBatchError: (err) => platform.log.warn({ err }, 'report batch failed; its reports are retried one by one'),
  });
  app.addHook('onClose', () => batcher.drained());

  app.post(
    '/api/reports',
    {
      config: { routeClass: 'incident.report.submit', authorize: authorizeSubmitReport, cachedTokenAuth: true },
      schema: {
        tags,
        summary:
          'Report an incident (TT 20 Mẫu 03). Idempotent by externalId: a re-send answers 200 with the first report.',
        body: s.reportSubmitBody,
        response: { 200: s.submitResult, 201: s.submitResult },
      },
    },
    async (req, reply) => {
      if (!req.identity) throw unauthenticated();
      const out = await batcher.submit(ctxOf(platform, req), req.identity, req.body);
      return reply.status(out.created ? 201 : 200).send({
        id: out.row.id,
        trackingNo: out.row.trackingNo,
        status: out.row.status,
        receivedAt: out.row.receivedAt.toISOString(),
        acknowledgedAt: out.row.acknowledgedAt?.toISOString() ?? null,
        created: out.created,
        observableCount: out.observableCount,
        observablesTruncated: out.row.observablesTruncated,
      });
    },
  );

  app.get(
    '/api/reports',
    {
      config: { routeClass: 'incident.report.read' },
      schema: {
        tags,
        summary: 'Incident reports (IR team: all; others: their organisation’s), newest first',
        querystring: s.reportListQuery,
        response: { 200: s.reportPage },
      },
    },
    async (req) => listReports(db, principalOf(req), req.query),
  );

  app.get(
    '/api/reports/:id',
    {
      config: { routeClass: 'incident.report.read' },
      schema: {
        tags,
        summary: 'One report with its observables and attachments',
        params: idParams,
        response: { 200: s.reportDetail },
      },
    },
    async (req) => getReport(db, principalOf(req), req.params.id),
  );

  app.get(
    '/api/reports/:id/similar',
    {
      config: { routeClass: 'incident.ir-team', authorize: authorizeIrTeam },
      schema: {
        tags,
        summary: 'Other reports and incidents sharing observables with this report (top 10 each)',
        params: idParams,
        response: { 200: s.similarResult },
      },
    },
    async (req) => similarTo(db, principalOf(req), req.params.id),
  );

  app.post(
    '/api/reports/:id/triage',
    {
      config: { routeClass: 'incident.ir-team', authorize: authorizeIrTeam },
      schema: {
        tags,
        summary: 'Triage a new report: open an incident, attach it to one, or dismiss it (once)',
        params: idParams,
        body: s.triageBody,
        response: { 200: s.triageResult },
      },
    },
    async (req) => {
      const out = await runCommand(db, ctxOf(platform, req), (scope) => triageReport(scope, req.params.id, req.body));
      return { id: out.row.id, status: out.row.status, incident: out.incident };
    },
  );
}
