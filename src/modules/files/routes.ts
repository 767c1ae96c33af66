import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { ctxOf, principalOf } from '../../server/request-context.ts';
import { idParams } from '../identity/schemas.ts';
import { authorizeAttachedFile } from './attached-file-guard.ts';
import { DEFAULT_MAX_FILE_BYTES } from './commands/store-file.ts';
import { uploadFile } from './commands/upload-file.ts';
import { stageSingleUpload } from './multipart-upload.ts';
import { authorizeReadFile } from './policy.ts';
import { presentFile } from './presenter.ts';
import { findFile } from './queries.ts';
import * as s from './schemas.ts';
import { downloadQuery, sendStoredFile } from './send-file.ts';

const tags = ['files'];

/**
 * Generic uploads and their downloads. Multipart parsing is registered for these routes only: every
 * other route keeps refusing multipart bodies (415).
 */
export async function registerFileRoutes(root: FastifyInstance, platform: Platform): Promise<void> {
  await root.register(async (scope) => {
    await scope.register(multipart);
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const { db } = platform;

    const readable = async (id: string, req: FastifyRequest) => {
      const file = await findFile(db, id);
      if (!file) throw notFound();
      authorizeReadFile(principalOf(req), file);
      await authorizeAttachedFile(db, principalOf(req), file.id);
      return file;
    };

    app.post(
      '/api/files',
      {
        config: { routeClass: 'file.upload' },
        schema: {
          tags,
          summary: `Upload one file (multipart/form-data, exactly one file part; at most CANHGAC_MAX_UPLOAD_MB, default ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024} MiB)`,
          consumes: ['multipart/form-data'],
          response: { 201: s.fileReply },
        },
      },
      async (req, reply) => {
        const max = platform.config.maxUploadBytes ?? DEFAULT_MAX_FILE_BYTES;
        const staged = await stageSingleUpload(req, platform.blobs, max);
        const row = await uploadFile(db, ctxOf(platform, req), staged);
        return reply.status(201).send({ item: presentFile(row) });
      },
    );

    app.get(
      '/api/files/:id',
      {
        config: { routeClass: 'file.read' },
        schema: { tags, summary: 'A stored file’s metadata', params: idParams, response: { 200: s.fileReply } },
      },
      async (req) => ({ item: presentFile(await readable(req.params.id, req)) }),
    );

    app.get(
      '/api/files/:id/content',
      {
        config: { routeClass: 'file.read' },
        schema: {
          tags,
          summary: 'Download a stored file (attachment); ?audit=1 records the download in the audit trail',
          params: idParams,
          querystring: downloadQuery,
        },
      },
      async (req, reply) => {
        const file = await readable(req.params.id, req);
        return sendStoredFile(reply, {
          store: platform.blobs,
          file,
          audit: req.query.audit === '1' ? { db, ctx: ctxOf(platform, req) } : false,
        });
      },
    );
  });
}
