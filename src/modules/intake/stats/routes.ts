import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../../platform/platform.ts';
import { authorizeIrTeam } from '../../incidents/policy.ts';
import { intakeStats } from './queries.ts';
import * as s from './schemas.ts';

/** The intake statistics page's data (route class `intake.stats`: the IR team). */
export function registerIntakeStatsRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/intake/stats',
    {
      config: { routeClass: 'intake.stats', authorize: authorizeIrTeam },
      schema: {
        tags: ['intake'],
        summary: 'Reports per channel and day (last 30 days), triage queue depth, logged, spam, re-sent',
        response: { 200: s.intakeStats },
      },
    },
    async () => intakeStats(platform.db, platform.clock.now()),
  );
}
