import fs from 'node:fs/promises';
import { and, eq } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { actorLabel, type Ctx } from '../../../platform/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import { runCommand } from '../../audit/command.ts';
import type { BlobStore } from '../../files/blob-store.ts';
import { attachmentDisposition } from '../../files/send-file.ts';
import { files } from '../../files/tables.ts';
import { loadIncident } from '../load-incident.ts';
import { authorizeSeeIncident } from '../policy.ts';
import { evidence, evidenceCustody } from '../tables.ts';

/**
 * Streams an evidence file as opaque bytes: always an attachment, `application/octet-stream`,
 * `nosniff` — evidence (malware, archives, HTML) is never rendered or unpacked. The access is a
 * custody link and an audit entry, committed before the first byte: no record, no download.
 */
export async function downloadEvidence(
  db: Db,
  ctx: Ctx,
  store: BlobStore,
  reply: FastifyReply,
  incidentId: string,
  evidenceId: string,
) {
  const file = await runCommand(db, ctx, async ({ tx, audit }) => {
    const loaded = await loadIncident(tx, incidentId);
    if (ctx.actor.kind === 'user') authorizeSeeIncident(ctx.actor.principal, loaded.access);
    const [row] = await tx
      .select({ file: files })
      .from(evidence)
      .innerJoin(files, eq(files.id, evidence.fileId))
      .where(and(eq(evidence.id, evidenceId), eq(evidence.incidentId, incidentId)));
    if (!row) throw new AppError(404, 'evidence_not_found');
    const stat = await fs.stat(store.pathOf(row.file.sha256)).catch(() => undefined);
    if (!stat?.isFile()) throw new AppError(500, 'file_missing');
    await tx.insert(evidenceCustody).values({
      evidenceId,
      action: 'accessed',
      actorUserId: ctx.actor.kind === 'user' ? ctx.actor.principal.userId : null,
      actor: actorLabel(ctx.actor),
      note: 'download',
      at: ctx.clock.now(),
    });
    audit({
      action: 'incident.evidence.download',
      subjectType: 'evidence',
      subjectId: evidenceId,
      organisationId: loaded.row.organisationId,
      detail: { incidentId, fileId: row.file.id, sha256: row.file.sha256, name: row.file.name },
    });
    return { ...row.file, bytes: stat.size };
  });
  return reply
    .header('content-type', 'application/octet-stream')
    .header('content-length', String(file.bytes))
    .header('content-disposition', attachmentDisposition(file.name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(store.open(file.sha256));
}
