import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.ts';

/** Vulnerability scans and findings (#7): route classes `scans.*`. Each area registers here, one line each. */
export function registerScanRoutes(_app: FastifyInstance, _platform: Platform): void {
  // areas register here
}
