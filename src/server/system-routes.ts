import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { migrationsApplied } from '../db/migrate.ts';
import type { Platform } from '../platform/platform.ts';

/** /healthz (process alive), /readyz (database reachable, migrations applied), /metrics. */
export function registerSystemRoutes(app: FastifyInstance, platform: Platform, state: { shuttingDown: boolean }): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'canhgac_' });
  const duration = new Histogram({
    name: 'canhgac_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    duration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  const hide = { hide: true } as const;
  app.get('/healthz', { config: { auth: 'public', routeClass: 'public' }, schema: hide }, async () => ({
    status: 'ok',
  }));

  app.get('/readyz', { config: { auth: 'public', routeClass: 'public' }, schema: hide }, async (_req, reply) => {
    if (state.shuttingDown) return reply.status(503).send({ status: 'shutting-down' });
    try {
      await platform.pool.query('SELECT 1');
    } catch {
      return reply.status(503).send({ status: 'database-unreachable' });
    }
    if (!(await migrationsApplied(platform.pool))) return reply.status(503).send({ status: 'migrations-pending' });
    return { status: 'ready' };
  });

  app.get('/metrics', { config: { auth: 'public', routeClass: 'public' }, schema: hide }, async (_req, reply) => {
    return reply.header('content-type', registry.contentType).send(await registry.metrics());
  });
}
