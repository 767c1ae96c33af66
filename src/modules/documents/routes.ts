import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Platform } from '../../platform/platform.ts';
import { ctxOf, principalOf } from '../../server/request-context.ts';
import { findFile } from '../files/queries.ts';
import { attachmentDisposition, sendStoredFile } from '../files/send-file.ts';
import { idParams } from '../identity/schemas.ts';
import { issuePlatformReport, previewPlatformReport } from './commands/platform-report.ts';
import { saveScheme } from './commands/save-scheme.ts';
import { authorizeIssuePlatformReport, authorizeManageNumbering, authorizeNumberingSchemes } from './policy.ts';
import { getDocument, listDocuments, listSchemes } from './queries.ts';
import { downloadName } from './render.ts';
import * as s from './schemas.ts';

export function registerDocumentRoutes(root: FastifyInstance, platform: Platform): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = platform;

  app.get(
    '/api/documents',
    {
      config: { routeClass: 'document.list' },
      schema: {
        tags: ['documents'],
        summary: 'Issued documents, newest first (scoped to the caller’s organisation unless constituency-wide)',
        querystring: s.documentListQuery,
        response: { 200: s.documentPage },
      },
    },
    async (req) => listDocuments(db, principalOf(req), req.query),
  );

  app.get(
    '/api/documents/:id',
    {
      config: { routeClass: 'document.read' },
      schema: {
        tags: ['documents'],
        summary: 'One issued document with the input it was made from',
        params: idParams,
        response: { 200: s.documentDetail },
      },
    },
    async (req) => {
      const { fileId: _fileId, ...doc } = await getDocument(db, principalOf(req), req.params.id);
      return doc;
    },
  );

  app.get(
    '/api/documents/:id/file',
    {
      config: { routeClass: 'document.read' },
      schema: {
        tags: ['documents'],
        summary: 'Download the issued file (every download is audited)',
        params: idParams,
      },
    },
    async (req, reply) => {
      // getDocument applies the read policy.
      const doc = await getDocument(db, principalOf(req), req.params.id);
      const file = await findFile(db, doc.fileId);
      if (!file) throw new Error(`document ${doc.id} has no file record`);
      // Issued documents are records: who took a copy is always kept, not only on request.
      return sendStoredFile(reply, {
        store: platform.blobs,
        file,
        downloadName: downloadName(doc),
        audit: {
          db,
          ctx: ctxOf(platform, req),
          subjectType: 'document',
          subjectId: doc.id,
          organisationId: doc.organisation.id,
          detail: { number: doc.number },
        },
      });
    },
  );

  app.post(
    '/api/documents/platform-report',
    {
      config: { routeClass: 'document.issue', authorize: authorizeIssuePlatformReport },
      schema: {
        tags: ['documents'],
        summary: 'Issue the sample platform report (constituency summary): numbered, stored, registered',
        body: s.platformReportBody,
        response: { 200: s.documentDetail },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const ctx = ctxOf(platform, req);
      const row = await issuePlatformReport(platform, ctx, {
        organisationId: req.body.organisationId ?? p.organisationId,
        format: req.body.format,
        signer: req.body.signer ?? undefined,
      });
      const { fileId: _fileId, ...doc } = await getDocument(db, p, row.id);
      return doc;
    },
  );

  app.post(
    '/api/documents/platform-report/preview',
    {
      config: { routeClass: 'document.issue', authorize: authorizeIssuePlatformReport },
      schema: {
        tags: ['documents'],
        summary: 'The sample platform report as a draft (no number, not stored)',
        body: s.platformReportBody,
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const draft = await previewPlatformReport(platform, ctxOf(platform, req), {
        organisationId: req.body.organisationId ?? p.organisationId,
        format: req.body.format,
        signer: req.body.signer ?? undefined,
      });
      return reply
        .header('content-type', draft.mediaType)
        .header('content-disposition', attachmentDisposition(draft.name))
        .header('x-content-type-options', 'nosniff')
        .send(draft.bytes);
    },
  );

  app.get(
    '/api/numbering-schemes',
    {
      config: { routeClass: 'numbering.list', authorize: authorizeNumberingSchemes },
      schema: {
        tags: ['documents'],
        summary: 'Numbering schemes (a member-lead sees its own organisation’s)',
        querystring: s.schemeListQuery,
        response: { 200: s.schemePage },
      },
    },
    async (req) => listSchemes(db, principalOf(req), req.query),
  );

  app.put(
    '/api/numbering-schemes/:organisationId/:kind',
    {
      config: { routeClass: 'numbering.manage', authorize: authorizeNumberingSchemes },
      schema: {
        tags: ['documents'],
        summary: 'Set how an organisation numbers a kind of document (pattern, symbol)',
        params: s.schemeParams,
        body: s.schemeBody,
        response: { 200: s.schemeSchema },
      },
    },
    async (req) => {
      authorizeManageNumbering(principalOf(req), req.params.organisationId);
      return saveScheme(db, ctxOf(platform, req), req.params, req.body);
    },
  );
}
