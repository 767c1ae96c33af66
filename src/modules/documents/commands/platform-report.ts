import { vietnamDay, vietnamParts } from '../../../formats/document/text.ts';
import type { Ctx } from '../../../platform/actor.ts';
import type { Platform } from '../../../platform/platform.ts';
import { allOrganisations } from '../../constituency/queries.ts';
import type { OrganisationKind } from '../../constituency/tables.ts';
import { getUserView } from '../../identity/queries.ts';
import { issuerFacts } from '../issuer.ts';
import { draftSymbol } from '../numbering.ts';
import { schemeOf } from '../queries.ts';
import { chromiumPathOf, downloadName, MEDIA_TYPES, renderDocument } from '../render.ts';
import type { DocumentFormat } from '../tables.ts';
import {
  type ConstituencySummaryInput,
  constituencySummary,
  LISTED_ORGANISATIONS_MAX,
} from '../templates/constituency-summary.ts';
import type { Signer } from '../templates/template.ts';
import { issueDocument } from './issue-document.ts';

export type PlatformReportRequest = {
  organisationId: string;
  format: DocumentFormat;
  signer?: Partial<Signer>;
};

/** The figures of the constituency summary, as of now: active organisations by kind, and the list. */
async function gather(
  platform: Pick<Platform, 'db'>,
  ctx: Ctx,
  request: PlatformReportRequest,
): Promise<ConstituencySummaryInput> {
  const issuer = await issuerFacts(platform.db, request.organisationId);
  const active = (await allOrganisations(platform.db)).filter((o) => o.active);
  const byKind: Partial<Record<OrganisationKind, number>> = {};
  for (const o of active) byKind[o.kind] = (byKind[o.kind] ?? 0) + 1;
  const userId = ctx.actor.kind === 'user' ? ctx.actor.principal.userId : undefined;
  const signerName =
    request.signer?.name ?? (userId ? (await getUserView(platform.db, userId))?.displayName : '') ?? '';
  return {
    issuer,
    signer: {
      authority: request.signer?.authority ?? null,
      position: request.signer?.position ?? 'Người lập báo cáo',
      name: signerName,
    },
    asOf: ctx.clock.now().toISOString(),
    byKind,
    organisations: active
      .slice(0, LISTED_ORGANISATIONS_MAX)
      .map((o) => ({ code: o.code, name: o.name, kind: o.kind, validFrom: o.validFrom })),
    total: active.length,
  };
}

/** Issues the sample platform report (the constituency summary) in the given organisation's name. */
export async function issuePlatformReport(
  platform: Pick<Platform, 'db' | 'blobs' | 'config'>,
  ctx: Ctx,
  request: PlatformReportRequest,
) {
  const data = await gather(platform, ctx, request);
  return issueDocument(platform, ctx, {
    organisationId: request.organisationId,
    template: constituencySummary,
    data,
    format: request.format,
  });
}

/** The same report as a draft: no number, "DỰ THẢO", nothing stored or registered. */
export async function previewPlatformReport(
  platform: Pick<Platform, 'db' | 'config'>,
  ctx: Ctx,
  request: PlatformReportRequest,
) {
  const data = await gather(platform, ctx, request);
  const now = ctx.clock.now();
  const scheme = await schemeOf(platform.db, request.organisationId, constituencySummary.kind);
  const symbol = draftSymbol(scheme.pattern, {
    kind: constituencySummary.kind,
    org: scheme.orgSymbol ?? data.issuer.code,
    year: vietnamParts(now).y,
  });
  const model = constituencySummary.build(data, { number: null, draftSymbol: symbol, date: vietnamDay(now) });
  const bytes = await renderDocument(model, request.format, { chromiumPath: chromiumPathOf(platform) });
  return {
    bytes,
    mediaType: MEDIA_TYPES[request.format],
    name: downloadName({ number: null, title: model.title, format: request.format }),
  };
}
