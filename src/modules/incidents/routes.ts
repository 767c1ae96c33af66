import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { registerCaseRoutes } from './cases/routes.ts';
import { registerCaseworkRoutes } from './casework/routes.ts';
import { registerIntakeRoutes } from './reports/routes.ts';
import { registerTaskRoutes } from './tasks/routes.ts';

/** Incident case management (#5). Every route class here starts with `incident.` (own matrix with a TLP axis). */
export function registerIncidentRoutes(app: FastifyInstance, platform: Platform): void {
  registerIntakeRoutes(app, platform);
  registerCaseRoutes(app, platform);
  registerTaskRoutes(app, platform);
  registerCaseworkRoutes(app, platform);
}
