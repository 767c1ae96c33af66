import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { registerScanApiRoutes } from './api/routes.ts';
import { registerCoverageRoutes } from './coverage/routes.ts';

/** Vulnerability scans and findings (#7): route classes `scans.*`. Each area registers here, one line each. */
export async function registerScanRoutes(app: FastifyInstance, platform: Platform): Promise<void> {
  await registerScanApiRoutes(app, platform);
  // areas register here
  registerCoverageRoutes(app, platform);
}
