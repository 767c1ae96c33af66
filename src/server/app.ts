import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyHttpOptions, type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerAuditRoutes } from '../modules/audit/routes.ts';
import { registerRegistryBulkRoutes } from '../modules/constituency/bulk/routes.ts';
import { registerNetworkRoutes } from '../modules/constituency/networks/routes.ts';
import { registerPublicationRoutes } from '../modules/constituency/publication/routes.ts';
import { registerConstituencyRoutes } from '../modules/constituency/routes.ts';
import { registerSystemsRoutes } from '../modules/constituency/systems/routes.ts';
import { registerDocumentRoutes } from '../modules/documents/routes.ts';
import { registerFileRoutes } from '../modules/files/routes.ts';
import { registerIdentityRoutes } from '../modules/identity/routes.ts';
import { registerIncidentRoutes } from '../modules/incidents/routes.ts';
import { registerIntakeChannelRoutes } from '../modules/intake/routes.ts';
import { registerNotifyRoutes } from '../modules/notify/routes.ts';
import { registerScanRoutes } from '../modules/scans/routes.ts';
import { registerSearchRoutes } from '../modules/search/routes.ts';
import { registerTestClockRoutes } from '../modules/system/routes.ts';
import type { Platform } from '../platform/platform.ts';
import { registerAuthHooks } from './auth-hooks.ts';
import { registerErrorHandler } from './error-handler.ts';
import { registerJsonBody } from './json-body.ts';
import { registerOpenApi } from './openapi.ts';
import './request-context.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerStaticWeb } from './static-web.ts';
import { registerSystemRoutes } from './system-routes.ts';

export const BODY_LIMIT = 1024 * 1024;

export type AppState = { shuttingDown: boolean };

/** Every registered route, for the authorisation-matrix test. */
export type RouteRecord = { method: string; url: string; routeClass: string | undefined; auth: string };

export async function buildApp(platform: Platform, opts: { routes?: RouteRecord[] } = {}) {
  const state: AppState = { shuttingDown: false };
  const configured = platform.config.trustProxy;
  // A hop count trusts that many proxies nearest to us.
  const trustProxy: FastifyHttpOptions<http.Server>['trustProxy'] =
    typeof configured === 'number' ? (_address: string, hop: number) => hop < configured : configured;
  const app = Fastify({
    loggerInstance: platform.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
    // Per-request logs only at debug: at info they would dominate the log and the CPU.
    logController: new LogController({
      disableRequestLogging: platform.config.logLevel !== 'debug' && platform.config.logLevel !== 'trace',
    }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRoute', (route) => {
    // Data lives under /api/ only. Everything else (web assets, health) and the API docs are public.
    if (route.url.startsWith('/api/docs') || !route.url.startsWith('/api/')) {
      route.config = { ...(route.config ?? {}), auth: 'public', routeClass: 'public' };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      opts.routes?.push({
        method,
        url: route.url,
        routeClass: route.config?.routeClass,
        auth: route.config?.auth ?? 'user',
      });
    }
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  registerErrorHandler(app);
  registerJsonBody(app);
  await app.register(cookie);
  registerSecurityHeaders(app, { hsts: platform.config.baseUrl.startsWith('https:') });
  registerAuthHooks(app, platform);
  await registerOpenApi(app);
  registerSystemRoutes(app, platform, state);
  registerIdentityRoutes(app, platform);
  registerConstituencyRoutes(app, platform);
  registerPublicationRoutes(app, platform);
  registerSystemsRoutes(app, platform);
  registerNetworkRoutes(app, platform);
  registerDocumentRoutes(app, platform);
  registerAuditRoutes(app, platform);
  registerSearchRoutes(app, platform);
  registerTestClockRoutes(app, platform);
  registerNotifyRoutes(app, platform);
  registerIncidentRoutes(app, platform);
  registerIntakeChannelRoutes(app, platform);
  await registerScanRoutes(app, platform);
  await registerFileRoutes(app, platform);
  await registerRegistryBulkRoutes(app, platform);
  await registerStaticWeb(app);
  return { app: app as FastifyInstance, state };
}
