import { Readable } from 'node:stream';
import { vietnamDay } from '../../../formats/document/text.ts';
import type { Ctx } from '../../../platform/actor.ts';
import type { Platform } from '../../../platform/platform.ts';
import { runCommand } from '../../audit/command.ts';
import { recordFile } from '../../files/commands/store-file.ts';
import { issuerFacts } from '../issuer.ts';
import { chromiumPathOf, downloadName, renderDocument } from '../render.ts';
import { type DocumentFormat, documents } from '../tables.ts';
import type { DocumentTemplate, IssuerFacts, Signer } from '../templates/template.ts';
import { allocateNumber } from './allocate-number.ts';

const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

/**
 * Issues a document: allocates its number, renders it with that number, stores the file and
 * registers it with its SHA-256, its input and its template version — one transaction, audited.
 * If anything fails (rendering, storage) nothing is registered and the number is not used.
 */
export async function issueDocument<I extends { issuer: IssuerFacts; signer: Signer }>(
  platform: Pick<Platform, 'db' | 'blobs' | 'config'>,
  ctx: Ctx,
  input: { organisationId: string; template: DocumentTemplate<I>; data: I; format: DocumentFormat },
) {
  const { template, format, organisationId } = input;
  return runCommand(platform.db, ctx, async (scope) => {
    const { tx, audit } = scope;
    const now = ctx.clock.now();
    const issuer = await issuerFacts(tx, organisationId);
    const allocated = await allocateNumber(tx, {
      organisationId,
      organisationCode: issuer.code,
      kind: template.kind,
      now,
    });
    const model = template.build(input.data, { number: allocated.number, draftSymbol: '', date: vietnamDay(now) });
    const bytes = await renderDocument(model, format, { chromiumPath: chromiumPathOf(platform) });
    const blob = await platform.blobs.put(Readable.from([bytes]), MAX_DOCUMENT_BYTES);
    const file = await recordFile(scope, blob, {
      name: downloadName({ number: allocated.number, title: model.title, format }),
      organisationId,
    });
    const [row] = await tx
      .insert(documents)
      .values({
        organisationId,
        kind: template.kind,
        year: allocated.year,
        seq: allocated.seq,
        number: allocated.number,
        title: model.title,
        format,
        fileId: file.id,
        sha256: blob.sha256,
        input: input.data,
        templateId: template.id,
        templateVersion: template.version,
        issuedBy: ctx.actor.kind === 'user' ? ctx.actor.principal.userId : null,
        issuedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    audit({
      action: 'document.issue',
      subjectType: 'document',
      subjectId: row.id,
      organisationId,
      after: {
        number: row.number,
        title: row.title,
        format,
        sha256: row.sha256,
        fileId: file.id,
        templateId: template.id,
        templateVersion: template.version,
      },
    });
    return row;
  });
}
