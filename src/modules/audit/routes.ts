import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/pagination.ts';
import type { Platform } from '../../platform/platform.ts';
import { csvLine } from './csv.ts';
import { authorizeReadAudit } from './policy.ts';
import { iterateAudit, listAudit } from './queries.ts';
import { verifyAudit } from './verify-audit.ts';

const filterQuery = {
  actor: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  subjectType: z.string().max(100).optional(),
  subjectId: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

const entrySchema = z.object({
  id: z.string(),
  seq: z.number().nullable(),
  createdAt: z.string(),
  actor: z.string(),
  organisationId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  diff: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

const CSV_COLUMNS = [
  'id',
  'seq',
  'createdAt',
  'actor',
  'organisationId',
  'action',
  'subjectType',
  'subjectId',
  'requestId',
  'ip',
  'diff',
] as const;

export function registerAuditRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/audit',
    {
      config: { routeClass: 'audit.read', authorize: authorizeReadAudit },
      schema: {
        tags: ['audit'],
        summary: 'Audit trail, newest first',
        querystring: z.strictObject({ ...pageQuery, ...filterQuery }),
        response: { 200: pageOf(entrySchema) },
      },
    },
    async (req) => listAudit(platform.db, req.query),
  );

  app.get(
    '/api/audit/export.csv',
    {
      config: { routeClass: 'audit.read', authorize: authorizeReadAudit },
      schema: {
        tags: ['audit'],
        summary: 'Audit trail as CSV (UTF-8 with BOM)',
        querystring: z.strictObject(filterQuery),
      },
    },
    async (req, reply) => {
      const stream = Readable.from(
        (async function* () {
          yield `\uFEFF${csvLine([...CSV_COLUMNS])}`;
          for await (const e of iterateAudit(platform.db, req.query)) yield csvLine(CSV_COLUMNS.map((c) => e[c]));
        })(),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="canhgac-audit.csv"')
        .send(stream);
    },
  );

  app.get(
    '/api/audit/status',
    {
      config: { routeClass: 'audit.read', authorize: authorizeReadAudit },
      schema: {
        tags: ['audit'],
        summary: 'Chain verification: first broken link and entries awaiting sealing',
        response: {
          200: z.object({
            sealed: z.number(),
            unsealed: z.number(),
            ok: z.boolean(),
            firstBroken: z.object({ seq: z.number(), id: z.string(), reason: z.string() }).nullable(),
          }),
        },
      },
    },
    async () => {
      const v = await verifyAudit(platform.pool);
      return { ...v, firstBroken: v.firstBroken ? { ...v.firstBroken, id: String(v.firstBroken.id) } : null };
    },
  );
}
