/**
 * Observable (IOC) extraction from free text, for incident reports and pasted e-mails or logs.
 *
 * Decisions, so later sessions need not rediscover them:
 * - Defanging is undone by the shared `refang`, word by word (words are cut at whitespace and quotes,
 *   and joined across a short gap beside a marker: `evil [.] com`). `raw`/`start`/`end` are exact for
 *   plain text; in a defanged word holding several observables a span may widen to the word's edge.
 * - IPs are IPs, "version 1.2.3.4" included; dotted runs glued to letters (`v1.2.3.4`), invalid octets,
 *   leading zeros, five-part runs, times and MAC addresses are not. `::ffff:a.b.c.d` is the IPv4.
 *   `a.b.c.d/n` with host bits set (an interface address) is reported as the address, not a CIDR.
 * - A domain needs an IANA TLD (embedded list). A file extension that is not a TLD makes a file name
 *   (`report.docx`); an extension that is also a TLD (`.com`, `.zip`) does only after `/` or `\`,
 *   with `_` in the name, or behind a second extension (`hoadon.pdf.zip`).
 * - `user@host` is always an e-mail (UPNs included, no TLD check); `DOMAIN\user` is an account,
 *   normalised to `DOMAIN\user` with the domain upper-cased and the user lower-cased.
 * - Hashes are hex runs of exactly 32/40/64/128 characters bounded by non-word characters.
 * - The host of a URL or e-mail is not reported on its own unless `includeHosts` is set; anything else
 *   inside a URL (a hash or file name in its path) is not reported separately.
 * - De-duplication is by (type, value); the first occurrence is kept.
 */
export { DEFAULT_MAX_INPUT, DEFAULT_MAX_ITEMS, extractObservables } from './extract.ts';
export { normaliseObservable } from './normalise-observable.ts';
export type { ExtractOptions, ExtractResult, Observable, ObservableType } from './types.ts';
