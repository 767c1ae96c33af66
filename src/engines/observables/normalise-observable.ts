import { detectHash, normaliseDomain, normaliseEmail, normaliseUrl, parseCidr, parseIp } from '../normalise/index.ts';
import { isFileExtension, isLibraryName } from './extensions.ts';
import { isKnownTld } from './tlds.ts';
import type { ObservableType } from './types.ts';

const CVE = /^CVE-[0-9]{4}-[0-9]{4,19}$/;
const ACCOUNT_DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,62}[A-Za-z0-9])?$/;
const ACCOUNT_USER = /^[A-Za-z0-9_$-](?:[A-Za-z0-9._$-]{0,62}[A-Za-z0-9_$-])?$/;
/** Characters no file name in a report contains; path separators make it a path, not a name. */
const NOT_IN_FILENAME = /[\s\\/:*?"<>|]/;

function domain(s: string): string | undefined {
  const d = normaliseDomain(s);
  if (!d.ok) return undefined;
  const dot = d.value.lastIndexOf('.');
  return dot > 0 && isKnownTld(d.value.slice(dot + 1)) ? d.value : undefined;
}

function filename(s: string): string | undefined {
  const name = s.trim().normalize('NFC');
  if (name.length === 0 || name.length > 255 || NOT_IN_FILENAME.test(name) || isLibraryName(name)) return undefined;
  const dot = name.lastIndexOf('.');
  if (dot < 1 || !isFileExtension(name.slice(dot + 1))) return undefined;
  return name;
}

/** `DOMAIN\user`: Windows compares both case-insensitively; the NetBIOS habit is an upper-case domain. */
function account(s: string): string | undefined {
  const t = s.trim();
  const slash = t.indexOf('\\');
  if (slash < 0 || t.indexOf('\\', slash + 1) >= 0) return undefined;
  const dom = t.slice(0, slash);
  const user = t.slice(slash + 1);
  if (!ACCOUNT_DOMAIN.test(dom) || !ACCOUNT_USER.test(user) || /^[0-9.]+$/.test(dom)) return undefined;
  return `${dom.toUpperCase()}\\${user.toLowerCase()}`;
}

function hash(s: string, type: ObservableType): string | undefined {
  const h = detectHash(s);
  return h.ok && h.value.algorithm === type ? h.value.value : undefined;
}

/**
 * The canonical text of one observable of a known type, or undefined if `input` is not one. Extracted
 * values are built with this, so normalising a reported value again returns it unchanged.
 */
export function normaliseObservable(type: ObservableType, input: string): string | undefined {
  switch (type) {
    case 'ipv4':
    case 'ipv6': {
      const ip = parseIp(input);
      return ip.ok && `ipv${ip.value.version}` === type ? ip.value.address : undefined;
    }
    case 'cidr': {
      const c = parseCidr(input);
      return c.ok && input.includes('/') ? c.value.cidr : undefined;
    }
    case 'domain':
      return domain(input);
    case 'url': {
      const u = normaliseUrl(input);
      return u.ok ? u.value.url : undefined;
    }
    case 'email': {
      const e = normaliseEmail(input);
      return e.ok ? e.value : undefined;
    }
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'sha512':
      return hash(input, type);
    case 'filename':
      return filename(input);
    case 'cve': {
      const c = input.trim().toUpperCase();
      return CVE.test(c) ? c : undefined;
    }
    case 'account':
      return account(input);
  }
}
