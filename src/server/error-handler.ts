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
};

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
    const pgCode = (err as { code?: string }).code;
    if (pgCode === '23505') return send(req, reply, 409, 'conflict', { detail: 'duplicate' });
    const mapped = pgCode ? PG_CODES[pgCode] : undefined;
    if (mapped) return send(req, reply, mapped[0], mapped[1]);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return send(req, reply, err.statusCode, 'bad_request');
    req.log.error({ err }, 'unhandled error');
    return send(req, reply, 500, 'internal', { requestId: req.id });
  });
}
