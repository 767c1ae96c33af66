import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../platform/errors.ts';
import { localeFrom, type MessageCode, message } from '../platform/messages.ts';

function send(req: FastifyRequest, reply: FastifyReply, status: number, code: MessageCode, params = {}) {
  const locale = req.locale ?? localeFrom(req.headers['accept-language']);
  return reply.status(status).send({ error: { code, message: message(code, locale, params) } });
}

const FASTIFY_CODES: Record<string, [number, MessageCode]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request'],
};

// PostgreSQL errors that mean the input was bad, not the server.
const PG_CODES: Record<string, [number, MessageCode]> = {
  '22021': [400, 'invalid_utf8'],
  '22P02': [400, 'bad_request'],
  '22001': [400, 'bad_request'],
  '22007': [400, 'bad_request'],
  '22008': [400, 'bad_request'],
  '23514': [400, 'bad_request'],
  '23503': [400, 'bad_request'],
  '22003': [400, 'bad_request'],
  '22P05': [400, 'invalid_characters'],
  '54000': [400, 'bad_request'],
};

type PgError = { code: string; constraint?: string };

function databaseError(err: unknown): PgError | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 3; depth++) {
    const candidate = e as { code?: unknown; constraint?: unknown; severity?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code) && candidate.severity) {
      return {
        code: candidate.code,
        constraint: typeof candidate.constraint === 'string' ? candidate.constraint : undefined,
      };
    }
    e = candidate.cause;
  }
  return undefined;
}

/** Every error leaves as `{error: {code, message}}`, localised; nothing internal leaks. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return send(req, reply, err.status, err.code, err.params);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const detail = err.validation
        .slice(0, 3)
        .map((v) => `${v.instancePath.replace(/^\//, '').replaceAll('/', '.') || 'body'}: ${v.message}`)
        .join('; ');
      return send(req, reply, 400, 'validation_failed', { detail });
    }
    const fastifyCode = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (fastifyCode) return send(req, reply, fastifyCode[0], fastifyCode[1]);
    // Drizzle wraps driver errors (DrizzleQueryError): the PostgreSQL code is on the cause.
    const pg = databaseError(err);
    if (pg?.code === '23505') return send(req, reply, 409, 'conflict', { detail: 'duplicate' });
    const mapped = pg ? PG_CODES[pg.code] : undefined;
    if (mapped) return send(req, reply, mapped[0], mapped[1]);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return send(req, reply, err.statusCode, 'bad_request');
    if (pg) {
      // Never log the statement or its parameters: they can hold password hashes and personal data.
      req.log.error({ pgCode: pg.code, constraint: pg.constraint }, 'database error');
    } else {
      req.log.error({ err }, 'unhandled error');
    }
    return send(req, reply, 500, 'internal', { requestId: req.id });
  });
}
