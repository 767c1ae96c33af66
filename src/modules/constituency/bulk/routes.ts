import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { REGISTRY_ENTITIES } from '../../../formats/registry-sheet/entities.ts';
import { LIMITS } from '../../../formats/registry-sheet/sheet-rows.ts';
import { writeRegistryCsv, writeRegistryTemplate, writeRegistryXlsx } from '../../../formats/registry-sheet/write.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { ctxOf, principalOf } from '../../../server/request-context.ts';
import { attachmentDisposition } from '../../files/send-file.ts';
import { exportRegistry } from './export.ts';
import { authorizeRegistryImport } from './policy.ts';
import { commitImport, dryRunImport, readImportFile } from './run-import.ts';
import * as s from './schemas.ts';
import { savePlan, takePlan } from './stored-plans.ts';

const tags = ['registry'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const TOO_MANY = new Set(['FST_PARTS_LIMIT', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT']);

/** Multipart failures → a reason the client can act on. */
function uploadError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE')
    return new AppError(413, 'import_file_too_large', { maxMb: LIMITS.maxBytes / 1024 / 1024 });
  if (typeof code === 'string' && TOO_MANY.has(code)) return new AppError(400, 'upload_one_file');
  return new AppError(400, 'import_corrupt_file', { detail: 'upload interrupted' });
}

/** The one uploaded file, in memory (it is capped at the import size limit); anything else in the body is refused. */
async function uploadedFile(req: FastifyRequest): Promise<{ name: string; bytes: Buffer }> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type');
  let file: { name: string; bytes: Buffer } | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: LIMITS.maxBytes, files: 1, fields: 0, parts: 1 } })) {
      if (part.type !== 'file' || file) throw new AppError(400, 'upload_one_file');
      file = { name: part.filename, bytes: await part.toBuffer() };
    }
  } catch (err) {
    throw uploadError(err);
  }
  if (!file) throw new AppError(400, 'import_no_file');
  return file;
}

function download(reply: FastifyReply, name: string, type: string, bytes: Buffer) {
  return reply
    .header('content-type', type)
    .header('content-disposition', attachmentDisposition(name))
    .header('x-content-type-options', 'nosniff')
    .send(bytes);
}

/**
 * Registry bulk import/export. Multipart parsing is registered for this scope only (with the import
 * size cap), so every other route keeps refusing multipart bodies.
 */
export async function registerRegistryBulkRoutes(root: FastifyInstance, platform: Platform): Promise<void> {
  await root.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: LIMITS.maxBytes, files: 1, parts: 1 } });
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const { db } = platform;

    app.get(
      '/api/registry/template',
      {
        config: { routeClass: 'registry.import', authorize: authorizeRegistryImport },
        schema: { tags, summary: 'The XLSX import template (headers, demo rows, value lists, notes)' },
      },
      async (_req, reply) => download(reply, 'mau-nhap-danh-ba.xlsx', XLSX, await writeRegistryTemplate()),
    );

    app.post(
      '/api/registry/import',
      {
        config: { routeClass: 'registry.import', authorize: authorizeRegistryImport },
        schema: {
          tags,
          summary: `Dry run: upload one XLSX/CSV file (multipart, ≤ ${LIMITS.maxBytes / 1024 / 1024} MB); per-row errors, and a token to commit a clean plan`,
          consumes: ['multipart/form-data'],
          querystring: s.importQuery,
          response: { 200: s.dryRunReply },
        },
      },
      async (req) => {
        const p = principalOf(req);
        const ctx = ctxOf(platform, req);
        const upload = await uploadedFile(req);
        const file = await readImportFile({ bytes: upload.bytes }, req.query.entity);
        const summary = await dryRunImport(db, ctx, file, req.locale);
        const token = summary.errors.length === 0 ? await savePlan(db, ctx, p.userId, upload.name, file) : null;
        return { fileName: upload.name, summary, token };
      },
    );

    app.post(
      '/api/registry/import/:token/commit',
      {
        config: { routeClass: 'registry.import', authorize: authorizeRegistryImport },
        schema: {
          tags,
          summary: 'Commit an uploaded plan: validated again, then all rows in one transaction or none',
          params: s.commitParams,
          response: { 200: s.commitReply },
        },
      },
      async (req) => {
        const p = principalOf(req);
        const ctx = ctxOf(platform, req);
        const plan = await takePlan(db, ctx, p.userId, req.params.token);
        return commitImport(db, ctx, plan.file, req.locale, plan.fileName);
      },
    );

    app.get(
      '/api/registry/export',
      {
        config: { routeClass: 'registry.export' },
        schema: {
          tags,
          summary: 'Export the registry in the import format (what the caller may see); CSV needs an entity',
          querystring: s.exportQuery,
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        const { format, entity } = req.query;
        if (format === 'csv' && !entity)
          throw new AppError(400, 'validation_failed', { detail: 'a CSV holds one entity' });
        const sheets = await exportRegistry(db, p, entity ? [entity] : [...REGISTRY_ENTITIES]);
        const day = platform.clock.now().toISOString().slice(0, 10);
        const [first] = sheets;
        if (format === 'csv' && first) {
          return download(
            reply,
            `danh-ba-${first.entity}-${day}.csv`,
            'text/csv; charset=utf-8',
            writeRegistryCsv(first),
          );
        }
        return download(reply, `danh-ba-${day}.xlsx`, XLSX, await writeRegistryXlsx(sheets));
      },
    );
  });
}
