import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { AppError } from '../platform/errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  return false;
}

/**
 * JSON bodies: strict UTF-8 (a bad byte is an error, not a silent U+FFFD), no prototype
 * poisoning, and no NUL characters (PostgreSQL text cannot hold them).
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json$/, { parseAs: 'buffer' }, (_req, body, done) => {
    const buf = body as Buffer;
    if (buf.length === 0) return done(null, undefined);
    let text: string;
    try {
      text = utf8.decode(buf);
    } catch {
      return done(new AppError(400, 'invalid_utf8'), undefined);
    }
    let value: unknown;
    try {
      value = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch {
      return done(new AppError(400, 'invalid_json'), undefined);
    }
    if (containsNul(value)) return done(new AppError(400, 'invalid_characters'), undefined);
    done(null, value);
  });
}
