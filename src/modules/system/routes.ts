import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OffsetClock } from '../../platform/clock.ts';
import type { Platform } from '../../platform/platform.ts';
import { ctxOf } from '../../server/request-context.ts';
import { authorizeManageSettings } from '../identity/policy.ts';
import { readClockOffset, setClockOffset } from './test-clock.ts';

const clockReply = z.object({ now: z.string(), offsetMs: z.number() });

/** The run-time test clock, only when CANHGAC_TEST_CLOCK=true (never in production). */
export function registerTestClockRoutes(root: FastifyInstance, platform: Platform): void {
  if (!platform.config.testClock) return;
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/admin/test-clock',
    {
      config: { routeClass: 'settings.manage', authorize: authorizeManageSettings },
      schema: { tags: ['admin'], summary: 'Test clock: current time and offset', response: { 200: clockReply } },
    },
    async () => ({ now: platform.clock.now().toISOString(), offsetMs: await readClockOffset(platform.db) }),
  );
  app.put(
    '/api/admin/test-clock',
    {
      config: { routeClass: 'settings.manage', authorize: authorizeManageSettings },
      schema: {
        tags: ['admin'],
        summary: 'Test clock: jump to an instant or move by milliseconds',
        body: z
          .strictObject({ at: z.iso.datetime({ offset: true }).optional(), advanceMs: z.number().int().optional() })
          .refine((b) => (b.at === undefined) !== (b.advanceMs === undefined), 'give exactly one of at, advanceMs'),
        response: { 200: clockReply },
      },
    },
    async (req) => {
      const offsetMs = await setClockOffset(platform.db, ctxOf(platform, req), {
        at: req.body.at ? new Date(req.body.at) : undefined,
        advanceMs: req.body.advanceMs,
      });
      if (platform.clock instanceof OffsetClock) platform.clock.offsetMs = offsetMs;
      return { now: platform.clock.now().toISOString(), offsetMs };
    },
  );
}
