import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** Serves the built SPA; unknown non-API paths get index.html so client routes work on reload. */
export async function registerStaticWeb(app: FastifyInstance): Promise<void> {
  const hasBuild = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      index: false,
      maxAge: '1h',
      immutable: false,
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const apiLike = /^\/(api|healthz|readyz|metrics)(\/|$|\?)/.test(req.url);
    if (apiLike || req.method !== 'GET') throw new AppError(404, 'route_not_found');
    if (!hasBuild) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(
          'Giao diện web chưa được dựng: chạy `npm run build:web` (npm start tự làm việc này).\n' +
            'The web interface is not built yet: run `npm run build:web` (npm start does it for you).\n',
        );
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
