import { type ContactValue, matchContacts } from '../../../engines/contact-match/index.ts';
import type { FetchAllowlist } from '../../../platform/fetch-guard.ts';
import { pageText } from '../../../platform/html-text.ts';
import { SafeFetchError, safeFetch } from '../../../platform/safe-fetch.ts';
import type { PublicationResult } from '../../../shared/vocabulary.ts';

export type PageOutcome = {
  url: string;
  finalUrl: string | null;
  httpStatus: number | null;
  sha256: string | null;
  bytes: number | null;
  found: ContactValue[];
  missing: ContactValue[];
  result: PublicationResult;
  error: string | null;
};

export type InspectOptions = { allow: FetchAllowlist; timeoutMs?: number; maxBytes?: number };

/** Fetches a portal page (safely) and looks for the registered contact values on it. No database. */
export async function inspectPage(url: string, values: ContactValue[], o: InspectOptions): Promise<PageOutcome> {
  const none = { finalUrl: null, httpStatus: null, sha256: null, bytes: null, found: [], missing: values };
  let page: Awaited<ReturnType<typeof safeFetch>>;
  try {
    page = await safeFetch(url, { allow: o.allow, timeoutMs: o.timeoutMs, maxBytes: o.maxBytes });
  } catch (err) {
    if (!(err instanceof SafeFetchError)) throw err;
    const blocked = err.code === 'blocked' || err.code === 'bad-scheme' || err.code === 'bad-url';
    return {
      url,
      ...none,
      finalUrl: err.url,
      result: blocked ? 'blocked' : 'unreachable',
      error: err.message.slice(0, 500),
    };
  }
  const evidence = { url, finalUrl: page.finalUrl, httpStatus: page.status, sha256: page.sha256, bytes: page.bytes };
  if (page.status < 200 || page.status > 299) {
    return { ...evidence, found: [], missing: values, result: 'unreachable', error: `HTTP ${page.status}` };
  }
  const match = matchContacts(pageText(page.body, page.contentType), values);
  return {
    ...evidence,
    found: match.found,
    missing: match.missing,
    result: match.published ? 'published' : 'not-found',
    error: values.length === 0 ? 'no registered e-mail or 24/7 phone to look for' : null,
  };
}
