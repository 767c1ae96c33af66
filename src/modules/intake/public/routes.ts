import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { runCommand } from '../../audit/command.ts';
import { type ChallengeCheck, challengeKey, issueChallenge, verifyChallenge } from './challenge.ts';
import { statusPath, submitPublicReport } from './commands/submit-public-report.ts';
import { publicStatusOf } from './queries.ts';
import * as s from './schemas.ts';
import { clientOf, countRequest, type Limit } from './throttle.ts';
import { formatTrackingCode, newTrackingCode, parseTrackingCode } from './tracking-code.ts';

export const DEFAULT_POW_BITS = 20;
export const DEFAULT_REPORTS_PER_HOUR = 10;
const CHALLENGE_LIMIT: Limit = { purpose: 'challenge', max: 60, windowMs: 10 * 60_000 };
const STATUS_LIMIT: Limit = { purpose: 'status', max: 30, windowMs: 10 * 60_000 };

const REFUSED: Record<
  Exclude<ChallengeCheck, { ok: true }>['reason'],
  'public_challenge_invalid' | 'public_challenge_expired'
> = {
  malformed: 'public_challenge_invalid',
  signature: 'public_challenge_invalid',
  address: 'public_challenge_invalid',
  unsolved: 'public_challenge_invalid',
  expired: 'public_challenge_expired',
};

/**
 * The public report form and status page (#6): no login. Abuse brakes, cheapest first: a
 * per-address counter in PostgreSQL (every instance shares it), a signed proof-of-work challenge,
 * a honeypot field; a solved challenge is spent with the report, in its transaction.
 */
export function registerPublicReportRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;
  const key = challengeKey(platform.keys.signing);
  const tags = ['public report'];
  const settings = () => ({
    powBits: platform.config.publicIntake?.powBits ?? DEFAULT_POW_BITS,
    reportsPerHour: platform.config.publicIntake?.reportsPerHour ?? DEFAULT_REPORTS_PER_HOUR,
  });
  const throttle = async (limit: Limit, req: FastifyRequest, reply: FastifyReply) => {
    const counted = await countRequest(db, limit, req.ip, platform.clock.now());
    if (counted.allowed) return;
    reply.header('retry-after', Math.ceil(counted.retryAfterMs / 1000));
    throw new AppError(429, 'public_too_many_requests', { minutes: Math.ceil(counted.retryAfterMs / 60_000) });
  };
  const publicCtx = (req: FastifyRequest): Ctx => ({
    actor: { kind: 'system', name: 'system:public-form' },
    clock: platform.clock,
    requestId: req.id,
    ip: req.ip,
  });

  app.post(
    '/api/public/challenge',
    {
      config: { auth: 'public', routeClass: 'public' },
      schema: {
        tags,
        summary: 'A proof-of-work challenge for the public report form (signed, valid for an hour)',
        response: { 200: s.challengeReply },
      },
    },
    async (req, reply) => {
      await throttle(CHALLENGE_LIMIT, req, reply);
      const c = issueChallenge(key, { bits: settings().powBits, now: platform.clock.now(), address: clientOf(req.ip) });
      return { token: c.token, salt: c.salt, bits: c.bits, expiresAt: c.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/public/reports',
    {
      config: { auth: 'public', routeClass: 'public' },
      schema: {
        tags,
        summary:
          'Report an incident without an account. Needs a solved challenge; idempotent by submissionId (201 new, 200 re-sent).',
        body: s.publicReportBody,
        response: { 200: s.publicReportReply, 201: s.publicReportReply },
      },
    },
    async (req, reply) => {
      const { powBits, reportsPerHour } = settings();
      await throttle({ purpose: 'report', max: reportsPerHour, windowMs: 60 * 60_000 }, req, reply);
      const { challenge, nonce } = req.body;
      if (!challenge || !nonce) throw new AppError(400, 'public_challenge_required');
      const now = platform.clock.now();
      const checked = verifyChallenge(key, challenge, nonce, { now, address: clientOf(req.ip), minBits: powBits });
      if (!checked.ok) throw new AppError(400, REFUSED[checked.reason]);
      if (req.body.website) {
        // The honeypot was filled: a bot. Answer like a success and keep nothing (quiet discard).
        req.log.info({ ip: req.ip }, 'public report discarded: honeypot filled');
        const code = newTrackingCode();
        return reply
          .status(201)
          .send({ code: formatTrackingCode(code), receivedAt: now.toISOString(), statusUrl: statusPath(code) });
      }
      const out = await runCommand(db, publicCtx(req), (scope) =>
        submitPublicReport(scope, req.body, {
          challenge: checked,
          baseUrl: platform.config.baseUrl,
          locale: req.body.locale ?? req.locale,
        }),
      );
      return reply.status(out.created ? 201 : 200).send({
        code: formatTrackingCode(out.code),
        receivedAt: out.receivedAt.toISOString(),
        statusUrl: statusPath(out.code),
      });
    },
  );

  app.get(
    '/api/public/reports/:code',
    {
      config: { auth: 'public', routeClass: 'public' },
      schema: {
        tags,
        summary: 'The coarse state of a public report by its tracking code (nothing internal)',
        params: s.statusParams,
        response: { 200: s.statusReply },
      },
    },
    async (req, reply) => {
      await throttle(STATUS_LIMIT, req, reply);
      const code = parseTrackingCode(req.params.code);
      // Unknown and malformed codes get the same answer.
      const found = code ? await publicStatusOf(db, code) : undefined;
      if (!code || !found) throw new AppError(404, 'public_status_unknown');
      return { code: formatTrackingCode(code), receivedAt: found.receivedAt.toISOString(), state: found.state };
    },
  );
}
