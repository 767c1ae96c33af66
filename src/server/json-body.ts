import type { FastifyInstance } from 'fastify';
import sjson from 'secure-json-parse';
import { AppError } from '../platform/errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

const MAX_DEPTH = 64;

/** NUL characters anywhere, or nesting deeper than any real request: iterative, so no stack overflow. */
function unacceptable(value: unknown): 'nul' | 'depth' | undefined {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [v, depth] = item;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return 'nul';
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) return 'depth';
    for (const [k, child] of Object.entries(v)) {
      if (k.includes('\u0000')) return 'nul';
      stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

/**
 * JSON bodies: strict UTF-8 (a bad byte is an error, not a silent U+FFFD), no prototype
 * poisoning, and no NUL characters (PostgreSQL text cannot hold them).
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(/^application\/([\w.+-]+\+)?json(\s*;.*)?$/i, { parseAs: 'buffer' }, (_req, body, done) => {
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
      // Includes a RangeError from absurdly deep nesting.
      return done(new AppError(400, 'invalid_json'), undefined);
    }
    const problem = unacceptable(value);
    if (problem === 'nul') return done(new AppError(400, 'invalid_characters'), undefined);
    if (problem === 'depth') return done(new AppError(400, 'invalid_json'), undefined);
    done(null, value);
  });
}
