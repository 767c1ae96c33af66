import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/platform.ts';
import { principalOf } from '../../server/request-context.ts';
import { searchEverything } from './search-everything.ts';

export function registerSearchRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/search',
    {
      config: { routeClass: 'search' },
      schema: {
        tags: ['search'],
        summary: 'Find organisations and users, with or without diacritics',
        querystring: z.strictObject({ q: z.string().trim().min(1).max(200) }),
        response: {
          200: z.object({
            organisations: z.array(
              z.object({
                id: z.string(),
                code: z.string(),
                name: z.string(),
                nameEn: z.string().nullable(),
                kind: z.string(),
              }),
            ),
            users: z.array(
              z.object({ id: z.string(), username: z.string(), displayName: z.string(), organisationCode: z.string() }),
            ),
          }),
        },
      },
    },
    async (req) => searchEverything(platform.db, principalOf(req), req.query.q),
  );
}
