import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SCAN_FORMATS, type ScanFormat } from '../../../formats/scans/types.ts';
import { AppError, forbidden, notFound } from '../../../platform/errors.ts';
import { type MessageCode, message } from '../../../platform/messages.ts';
import type { Platform } from '../../../platform/platform.ts';
import { ctxOf, principalOf } from '../../../server/request-context.ts';
import { runCommand } from '../../audit/command.ts';
import { assignUnknownAsset } from '../commands/assign-unknown-asset.ts';
import { clientCommand } from '../commands/client-command.ts';
import { actOnFindings } from '../commands/finding-actions.ts';
import { importRights, mayImportFor } from '../policy.ts';
import { ScanJobRunner } from './job-runner.ts';
import { scanJobs } from './job-tables.ts';
import { authorizeScansRead, authorizeUnknownAssets, isIrTeam, scanVisibility } from './policy.ts';
import { findingIdsByFilter, getFinding, getScan, listFindings, listScans, listUnknownAssets } from './queries.ts';
import * as s from './schemas.ts';
import { receiveScanUpload, scanUploadMaxBytes } from './upload.ts';

const tags = ['scans'];

function authorizeImport(p: Parameters<typeof authorizeScansRead>[0]) {
  importRights({ actor: { kind: 'user', principal: p }, clock: { now: () => new Date() } });
}

function localised(key: string, locale: 'vi' | 'en', params: Record<string, string | number>): string {
  try {
    return message(key as MessageCode, locale, params);
  } catch {
    return key;
  }
}

/**
 * The scans API (#7): upload a scan (multipart) as an import job, follow it, list scans and
 * findings, move findings through their lifecycle (one or in bulk), and work the unknown-assets queue.
 */
export async function registerScanApiRoutes(root: FastifyInstance, platform: Platform): Promise<void> {
  const runner = new ScanJobRunner(platform);
  root.addHook('onClose', () => runner.drain());
  await root.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: scanUploadMaxBytes() + 1, files: 1, parts: 3 } });
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const { pool } = platform;
    const importing = { routeClass: 'scans.import', authorize: authorizeImport };
    const read = { routeClass: 'scans.read', authorize: authorizeScansRead };
    const act = { routeClass: 'scans.findings.act', authorize: authorizeScansRead };
    const assets = { routeClass: 'scans.unknown-assets', authorize: authorizeUnknownAssets };

    app.post(
      '/api/scans',
      {
        config: importing,
        schema: {
          tags,
          summary: 'Upload a scan file (multipart: file, optional format and systemId); 202 with the import job id',
          consumes: ['multipart/form-data'],
        },
      },
      async (req, reply) => {
        const ctx = ctxOf(platform, req);
        const p = principalOf(req);
        const rights = importRights(ctx);
        const upload = await receiveScanUpload(req);
        try {
          const format = upload.fields.format ?? 'auto';
          if (format !== 'auto' && !(SCAN_FORMATS as readonly string[]).includes(format))
            throw new AppError(400, 'scans_format_invalid');
          let systemCode: string | undefined;
          if (upload.fields.systemId) {
            const { rows } = await pool.query<{ code: string; ownerOrgId: string; operatorOrgId: string }>(
              `SELECT code, owner_org_id AS "ownerOrgId", operator_org_id AS "operatorOrgId"
                 FROM information_systems WHERE id = $1::uuid`,
              [/^[0-9a-f-]{36}$/i.test(upload.fields.systemId) ? upload.fields.systemId : null],
            );
            const system = rows[0];
            if (!system) throw new AppError(400, 'scans_assign_system_unknown');
            if (!mayImportFor(rights, system)) throw new AppError(403, 'scans_system_forbidden');
            systemCode = system.code;
          }
          const jobId = await runCommand(platform.db, ctx, async (cmd) => {
            const [job] = await cmd.tx
              .insert(scanJobs)
              .values({
                fileName: upload.name,
                format: format === 'auto' ? null : format,
                systemId: upload.fields.systemId ?? null,
                bytesTotal: upload.size,
                createdBy: p.username,
                createdByUserId: p.userId,
                organisationId: p.organisationId,
                createdAt: ctx.clock.now(),
              })
              .returning({ id: scanJobs.id });
            if (!job) throw new Error('insert returned nothing');
            cmd.audit({
              action: 'scans.upload',
              subjectType: 'scan_job',
              subjectId: job.id,
              detail: { file: upload.name, size: upload.size, sha256: upload.sha256, format },
            });
            return job.id;
          });
          runner.start(ctx, { jobId, upload, format: format as ScanFormat | 'auto', systemCode });
          return reply.status(202).send({ jobId });
        } catch (err) {
          const { rm } = await import('node:fs/promises');
          await rm(upload.path, { force: true });
          throw err;
        }
      },
    );

    app.get(
      '/api/scans/jobs/:id',
      {
        config: importing,
        schema: { tags, summary: 'An import job: state, progress, summary or error', params: s.idParam },
      },
      async (req) => {
        const p = principalOf(req);
        const { rows } = await pool.query(
          `SELECT id, state, file_name AS "fileName", format, bytes_read AS "bytesRead", bytes_total AS "bytesTotal",
                  summary, error_key AS "errorKey", error_params AS "errorParams", scan_id AS "scanId",
                  created_by AS "createdBy", organisation_id AS "organisationId", created_at AS "createdAt",
                  finished_at AS "finishedAt",
                  state IN ('queued','running') AND heartbeat_at < now() - interval '2 minutes' AS "cutOff"
             FROM scan_jobs WHERE id = $1`,
          [req.params.id],
        );
        const job = rows[0];
        if (!job || (!isIrTeam(p) && job.organisationId !== p.organisationId)) throw notFound();
        const { errorKey: storedKey, errorParams, bytesRead, bytesTotal, cutOff, ...rest } = job;
        // The instance running it stopped (a restart): its transaction rolled back, nothing was imported.
        const errorKey = cutOff ? 'scans_job_interrupted' : storedKey;
        return {
          ...rest,
          state: cutOff ? 'failed' : rest.state,
          progress: { bytesRead: Number(bytesRead), bytesTotal: Number(bytesTotal) },
          error: errorKey ? { code: errorKey, message: localised(errorKey, req.locale, errorParams ?? {}) } : null,
        };
      },
    );

    app.get(
      '/api/scans',
      { config: read, schema: { tags, summary: 'Imported scans, newest first', querystring: s.pageOnly } },
      async (req) => listScans(pool, scanVisibility(principalOf(req)), req.query),
    );

    app.get(
      '/api/scans/unknown-assets',
      {
        config: assets,
        schema: { tags, summary: 'Hosts seen in scans that no system owns (IR team)', querystring: s.assetsQuery },
      },
      async (req) => listUnknownAssets(pool, req.query, req.query.assigned === 'true'),
    );

    app.post(
      '/api/scans/unknown-assets/:id/assign',
      {
        config: assets,
        schema: {
          tags,
          summary:
            'Assign an unknown host to a system: its findings follow (merged by fingerprint), optionally as a component',
          params: s.hostParam,
          body: s.assignBody,
        },
      },
      async (req) =>
        clientCommand(platform, ctxOf(platform, req), (client, cmd) =>
          assignUnknownAsset(client, cmd, req.params.id, req.body),
        ),
    );

    app.get(
      '/api/scans/:id',
      { config: read, schema: { tags, summary: 'One imported scan with its summary', params: s.idParam } },
      async (req) => ({ item: await getScan(pool, scanVisibility(principalOf(req)), req.params.id) }),
    );

    app.get(
      '/api/findings',
      {
        config: read,
        schema: { tags, summary: 'Findings with server-side filters, newest first', querystring: s.findingsQuery },
      },
      async (req) => {
        const { cursor, limit, ...filter } = req.query;
        return listFindings(pool, scanVisibility(principalOf(req)), filter, { cursor, limit }, platform.clock.now());
      },
    );

    app.get(
      '/api/findings/:id',
      { config: read, schema: { tags, summary: 'One finding with its history', params: s.idParam } },
      async (req) => getFinding(pool, scanVisibility(principalOf(req)), req.params.id),
    );

    app.post(
      '/api/findings/:id/actions',
      {
        config: act,
        schema: {
          tags,
          summary:
            'Lifecycle action on one finding: start-remediation, claim-fixed, false-positive, accept-risk, reopen',
          params: s.idParam,
          body: s.actionBody,
        },
      },
      async (req) => {
        const r = await clientCommand(platform, ctxOf(platform, req), (client, cmd) =>
          actOnFindings(client, cmd, [req.params.id], req.body),
        );
        const refused = r.refused[0];
        if (refused?.code === 'not_found') throw notFound();
        if (refused?.code === 'findings_action_forbidden') throw forbidden();
        if (refused) throw new AppError(409, refused.code);
        return getFinding(pool, { all: true }, req.params.id);
      },
    );

    app.post(
      '/api/findings/bulk',
      {
        config: act,
        schema: {
          tags,
          summary: `One lifecycle action on up to ${s.BULK_MAX} findings (ids or a filter), in one transaction`,
          body: s.bulkBody,
        },
      },
      async (req) => {
        const ctx = ctxOf(platform, req);
        const vis = scanVisibility(principalOf(req));
        const { ids, filter, ...input } = req.body;
        const r = await clientCommand(platform, ctx, async (client, cmd) => {
          const targets = ids ?? (await findingIdsByFilter(client, vis, filter ?? {}, s.BULK_MAX, ctx.clock.now()));
          if (targets.length > s.BULK_MAX) throw new AppError(400, 'findings_bulk_too_many', { max: s.BULK_MAX });
          if (targets.length === 0) {
            cmd.unchanged();
            return { changed: [], refused: [] };
          }
          return actOnFindings(client, cmd, targets, input);
        });
        return {
          changed: r.changed.length,
          refused: r.refused.map((x) => ({ id: x.id, code: x.code, message: localised(x.code, req.locale, {}) })),
        };
      },
    );
  });
}
