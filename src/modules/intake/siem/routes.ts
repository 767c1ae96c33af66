import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import sjson from 'secure-json-parse';
import { mappingPathProblems } from '../../../engines/siem-mapping/index.ts';
import type { Ctx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { type Locale, message } from '../../../platform/messages.ts';
import type { Platform } from '../../../platform/platform.ts';
import { ctxOf, principalOf } from '../../../server/request-context.ts';
import { idParams } from '../../identity/schemas.ts';
import { AlertBatcher } from './alert-batcher.ts';
import { authenticate, REPLAY_WINDOW_SEC } from './authenticate.ts';
import { createSource, updateSource } from './commands/manage-sources.ts';
import { isQueued, mapAlert } from './map-alert.ts';
import { describeProblems } from './messages.ts';
import { authorizeSiemManage, authorizeSiemRead } from './policy.ts';
import { alertsOfReport, getSource, listSourceAlerts, listSources } from './queries.ts';
import * as s from './schemas.ts';
import { sourceConfig } from './source-cache.ts';

/** the largest alert body accepted; a bigger one is refused (413) from its Content-Length, unread */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** JSON text → value, or a localised reason it is not JSON. */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: sjson.parse(text, undefined, { protoAction: 'remove', constructorAction: 'remove' }) };
  } catch {
    return { ok: false };
  }
}

/**
 * SIEM webhooks (#6): the admin routes of the sources (IR team reads, admins and coordinators
 * manage) and the endpoint the SIEMs post to, authenticated by the source's signature or token.
 */
export function registerSiemRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;
  const key = platform.keys.webhookSecrets;
  const tags = ['SIEM webhooks'];
  const read = { routeClass: 'intake.siem.read', authorize: authorizeSiemRead };
  const manage = { routeClass: 'intake.siem.manage', authorize: authorizeSiemManage };

  app.get(
    '/api/intake/siem/sources',
    {
      config: read,
      schema: { tags, summary: 'SIEM sources with their alert counts', response: { 200: s.sourceList } },
    },
    async () => listSources(db, platform.clock.now()),
  );

  app.post(
    '/api/intake/siem/sources',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Add a SIEM source (its HMAC secret or token is shown once)',
        body: s.sourceCreateBody,
        response: { 201: s.sourceWithSecret },
      },
    },
    async (req, reply) => {
      const out = await createSource(db, ctxOf(platform, req), key, req.body, req.locale);
      return reply.status(201).send({ item: await getSource(db, out.id, platform.clock.now()), secret: out.secret });
    },
  );

  app.get(
    '/api/intake/siem/sources/:id',
    { config: read, schema: { tags, summary: 'One SIEM source', params: idParams, response: { 200: s.sourceSchema } } },
    async (req) => getSource(db, req.params.id, platform.clock.now()),
  );

  app.patch(
    '/api/intake/siem/sources/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Change, disable or re-enable a SIEM source, or give it a new secret (shown once)',
        params: idParams,
        body: s.sourceUpdateBody,
        response: { 200: s.sourceWithSecret },
      },
    },
    async (req) => {
      const out = await updateSource(db, ctxOf(platform, req), key, req.params.id, req.body, req.locale);
      return { item: await getSource(db, req.params.id, platform.clock.now()), secret: out.secret };
    },
  );

  app.get(
    '/api/intake/siem/sources/:id/alerts',
    {
      config: read,
      schema: {
        tags,
        summary: 'Alerts a source posted, newest first',
        params: idParams,
        querystring: s.alertQuery,
        response: { 200: s.alertPage },
      },
    },
    async (req) => listSourceAlerts(db, req.params.id, req.query),
  );

  app.post(
    '/api/intake/siem/preview',
    {
      config: read,
      schema: {
        tags,
        summary: 'Run a pasted alert through a mapping and show what would be stored (nothing is stored)',
        body: s.previewBody,
        response: { 200: s.previewResult },
      },
    },
    async (req) => preview(req.body, req.locale),
  );

  app.get(
    '/api/intake/siem/reports/:id/alerts',
    {
      config: { routeClass: 'intake.siem.report-alerts' },
      schema: {
        tags,
        summary: 'The SIEM alerts grouped into a report (whoever sees the report)',
        params: idParams,
        response: { 200: s.reportAlerts },
      },
    },
    async (req) => alertsOfReport(db, principalOf(req), req.params.id),
  );

  // Its own context: the raw body is kept (the signature covers the exact bytes) and capped.
  root.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      // Fastify tests the whole header, parameters included: `application/json; charset="utf-8"` is JSON too.
      /^application\/([\w.+-]+\+)?json(;.*)?$/,
      { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT },
      (_req, body, done) => done(null, body),
    );
    const hook = scope.withTypeProvider<ZodTypeProvider>();
    const batcher = new AlertBatcher(db, {
      onBatchError: (err) => platform.log.warn({ err }, 'SIEM alert batch failed; its alerts are retried one by one'),
    });
    scope.addHook('onClose', () => batcher.drained());
    const systemCtx = (req: FastifyRequest): Ctx => ({
      actor: { kind: 'system', name: 'system:siem-webhook' },
      clock: platform.clock,
      requestId: req.id,
      ip: req.ip,
    });
    hook.post(
      '/api/intake/webhooks/:sourceId',
      {
        bodyLimit: WEBHOOK_BODY_LIMIT,
        config: { auth: 'public', routeClass: 'public', ownBearer: true },
        schema: {
          tags,
          summary:
            'A SIEM posts one alert (JSON, ≤ 1 MiB), signed (X-CanhGac-Timestamp + X-CanhGac-Signature: sha256=HMAC over "<timestamp>.<body>") or with the source token. Idempotent by the alert id: a replay answers 200 with the same report.',
          params: s.webhookParams,
          response: { 200: s.webhookReply, 201: s.webhookReply },
        },
      },
      async (req, reply) => {
        const source = await sourceConfig(db, key, req.params.sourceId);
        if (!source) throw new AppError(404, 'not_found');
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const auth = authenticate(
          source,
          {
            signature: req.headers['x-canhgac-signature'],
            timestamp: req.headers['x-canhgac-timestamp'],
            authorization: req.headers.authorization,
            token: req.headers['x-canhgac-token'],
          },
          raw,
          // the SIEM's clock is real time, whatever a test clock says
          Math.floor(Date.now() / 1000),
        );
        if (auth === 'failed') throw new AppError(401, 'siem_auth_failed');
        if (auth === 'stale') throw new AppError(401, 'siem_timestamp_stale', { seconds: REPLAY_WINDOW_SEC });
        if (!source.enabled) throw new AppError(403, 'siem_source_disabled');
        let text: string;
        try {
          text = utf8.decode(raw);
        } catch {
          throw new AppError(400, 'invalid_utf8');
        }
        const json = parseJson(text);
        if (!json.ok) throw new AppError(400, 'invalid_json');
        const mapped = mapAlert(source.kind, source.mapping, json.value);
        if (!mapped.ok)
          throw new AppError(400, 'siem_alert_invalid', { list: describeProblems(mapped.problems, req.locale) });
        // group commit: alerts arriving together share one transaction; answered after it commits
        const out = await batcher.submit(systemCtx(req), source, mapped.alert, text);
        return reply.status(out.created ? 201 : 200).send(out);
      },
    );
  });
}

function preview(body: s.PreviewInput, locale: Locale) {
  const json = parseJson(body.alert);
  if (!json.ok) return { ok: false, problems: message('invalid_json', locale), alert: null };
  if (body.kind === 'generic') {
    if (!body.mapping) return { ok: false, problems: message('siem_mapping_required', locale), alert: null };
    const pathProblems = mappingPathProblems(body.mapping);
    if (pathProblems.length > 0) return { ok: false, problems: describeProblems(pathProblems, locale), alert: null };
  }
  const mapped = mapAlert(body.kind, body.mapping, json.value);
  if (!mapped.ok) return { ok: false, problems: describeProblems(mapped.problems, locale), alert: null };
  const a = mapped.alert;
  return {
    ok: true,
    problems: null,
    alert: {
      externalId: a.externalId,
      title: a.title,
      description: a.description,
      level: a.level,
      detectedAt: a.detectedAt?.toISOString() ?? null,
      queued: isQueued(a.level, body.minLevel ?? 0),
      observables: a.observables,
      invalidObservables: a.invalidObservables,
    },
  };
}
