import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.ts';
import { registerEmailIntakeRoutes } from './email/routes.ts';
import { registerPublicReportRoutes } from './public/routes.ts';
import { registerSiemRoutes } from './siem/routes.ts';
import { registerIntakeStatsRoutes } from './stats/routes.ts';

/**
 * Intake channels beyond the member form and the API (#6): the public form, mailboxes, SIEM
 * webhooks. Each channel creates its reports through receiveReport (incidents/reports).
 */
export function registerIntakeChannelRoutes(_app: FastifyInstance, _platform: Platform): void {
  // channels register here, one line each
  registerPublicReportRoutes(_app, _platform);
  registerEmailIntakeRoutes(_app, _platform);
  registerIntakeStatsRoutes(_app, _platform);
  registerSiemRoutes(_app, _platform);
}
