import type { organisationPortals, publicationChecks } from './tables.ts';

export function presentCheck(c: typeof publicationChecks.$inferSelect) {
  return {
    id: c.id,
    organisationId: c.organisationId,
    url: c.url,
    checkedAt: c.checkedAt.toISOString(),
    finalUrl: c.finalUrl,
    httpStatus: c.httpStatus,
    sha256: c.sha256,
    bytes: c.bytes,
    found: c.found,
    missing: c.missing,
    result: c.result,
    error: c.error,
    trigger: c.trigger,
    checkedBy: c.checkedBy,
  };
}

export function presentPortal(p: typeof organisationPortals.$inferSelect) {
  return { url: p.url, updatedAt: p.updatedAt.toISOString() };
}
