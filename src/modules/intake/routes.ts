import type { FastifyInstance } from 'fastify';
import type { Platform } from '../../platform/platform.ts';

/**
 * Intake channels beyond the member form and the API (#6): the public form, mailboxes, SIEM
 * webhooks. Each channel creates its reports through receiveReport (incidents/reports).
 */
export function registerIntakeChannelRoutes(_app: FastifyInstance, _platform: Platform): void {
  // channels register here, one line each
}
