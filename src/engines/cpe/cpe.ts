/**
 * CPE 2.3 names (NISTIR 7695): the formatted-string binding `cpe:2.3:part:vendor:…:other` and the
 * older URI binding `cpe:/a:vendor:product…` (CPE 2.2), converted to 2.3. Pure; never throws.
 *
 * Attribute values are kept in their formatted-string form (escaped: `\.` etc. are literal
 * characters, unescaped `*`/`?` are wildcards, a lone `*` is ANY and a lone `-` is NA), lowercased.
 */

export const CPE_ATTRIBUTES = [
  'part',
  'vendor',
  'product',
  'version',
  'update',
  'edition',
  'language',
  'swEdition',
  'targetSw',
  'targetHw',
  'other',
] as const;
export type CpeAttribute = (typeof CPE_ATTRIBUTES)[number];
export type Cpe = Record<CpeAttribute, string>;

export type CpeError = 'cpe_invalid' | 'cpe_too_long' | 'cpe_bad_part' | 'cpe_bad_component' | 'cpe_bad_language';
export type CpeResult = { ok: true; value: Cpe } | { ok: false; error: CpeError; attribute?: CpeAttribute };

export const CPE_MAX_LENGTH = 1000;

const PUNCT = `\\\\*?!"#$%&'()+,/:;<=>@[\\]^\`{|}~`;
/** One escaped or plain character of a formatted-string value. */
const CHAR = `(?:[a-z0-9._-]|\\\\[${PUNCT}-])`;
const VALUE = new RegExp(`^(?:[*-]|(?:\\?+|\\*)?${CHAR}+(?:\\?+|\\*)?)$`);
const LANGUAGE = /^(?:[*-]|[a-z]{2,3}(?:-(?:[a-z]{2}|[0-9]{3}))?)$/;

/** Splits on unescaped colons. */
function splitFormatted(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\' && i + 1 < s.length) {
      cur += c + (s[i + 1] as string);
      i++;
    } else if (c === ':') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function fromValues(values: string[]): CpeResult {
  const cpe = {} as Cpe;
  for (let i = 0; i < CPE_ATTRIBUTES.length; i++) {
    const attribute = CPE_ATTRIBUTES[i] as CpeAttribute;
    const v = values[i] ?? '*';
    if (attribute === 'part') {
      if (!/^[aoh*-]$/.test(v)) return { ok: false, error: 'cpe_bad_part', attribute };
    } else if (attribute === 'language') {
      if (!LANGUAGE.test(v)) return { ok: false, error: 'cpe_bad_language', attribute };
    } else if (!VALUE.test(v)) return { ok: false, error: 'cpe_bad_component', attribute };
    cpe[attribute] = v;
  }
  return { ok: true, value: cpe };
}

function parseFormatted(s: string): CpeResult {
  const parts = splitFormatted(s.slice('cpe:2.3:'.length));
  if (parts.length !== CPE_ATTRIBUTES.length) return { ok: false, error: 'cpe_invalid' };
  return fromValues(parts);
}

/** A URI-binding component (percent-encoded) → a formatted-string value. */
function uriComponentToFormatted(raw: string): string | undefined {
  if (raw === '') return '*';
  if (raw === '-') return '-';
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === '%') {
      const hex = raw.slice(i + 1, i + 3);
      if (!/^[0-9a-f]{2}$/.test(hex)) return undefined;
      i += 2;
      if (hex === '01') out += '?';
      else if (hex === '02') out += '*';
      else {
        const ch = String.fromCharCode(Number.parseInt(hex, 16));
        out += escapeChar(ch) ?? '';
        if (escapeChar(ch) === undefined) return undefined;
      }
    } else if (/[a-z0-9._~-]/.test(c)) out += c === '~' ? '\\~' : c;
    else return undefined;
  }
  return out;
}

function parseUri(s: string): CpeResult {
  const parts = s.slice('cpe:/'.length).split(':');
  if (parts.length > 7) return { ok: false, error: 'cpe_invalid' };
  const values: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const raw = parts[i] as string;
    // CPE 2.2 packs the extended attributes into the edition: ~edition~sw_edition~target_sw~target_hw~other
    if (i === 5 && raw.startsWith('~')) {
      const packed = raw.slice(1).split('~');
      if (packed.length !== 5) return { ok: false, error: 'cpe_invalid' };
      const decoded = packed.map(uriComponentToFormatted);
      if (decoded.some((d) => d === undefined)) return { ok: false, error: 'cpe_bad_component' };
      values[5] = decoded[0] as string;
      values[7] = decoded[1] as string;
      values[8] = decoded[2] as string;
      values[9] = decoded[3] as string;
      values[10] = decoded[4] as string;
      continue;
    }
    const decoded = i === 0 ? (raw === '' ? '*' : raw) : uriComponentToFormatted(raw);
    if (decoded === undefined) return { ok: false, error: 'cpe_bad_component', attribute: CPE_ATTRIBUTES[i] };
    values[i] = decoded;
  }
  const full = CPE_ATTRIBUTES.map((_, i) => values[i] ?? '*');
  return fromValues(full);
}

/** Parses a CPE 2.3 formatted string or a CPE 2.2 URI (converted to 2.3). Case-insensitive. */
export function parseCpe(input: string): CpeResult {
  if (typeof input !== 'string') return { ok: false, error: 'cpe_invalid' };
  const s = input.trim();
  if (s.length > CPE_MAX_LENGTH) return { ok: false, error: 'cpe_too_long' };
  const lower = s.toLowerCase();
  if (lower.startsWith('cpe:2.3:')) return parseFormatted(lower);
  if (lower.startsWith('cpe:/')) return parseUri(lower);
  return { ok: false, error: 'cpe_invalid' };
}

/** The CPE 2.3 formatted string. */
export function formatCpe(cpe: Cpe): string {
  return `cpe:2.3:${CPE_ATTRIBUTES.map((a) => cpe[a]).join(':')}`;
}

/** parse then format: the canonical stored form, or the error. */
export function normaliseCpe(input: string): { ok: true; value: string; cpe: Cpe } | Exclude<CpeResult, { ok: true }> {
  const r = parseCpe(input);
  return r.ok ? { ok: true, value: formatCpe(r.value), cpe: r.value } : r;
}

function escapeChar(ch: string): string | undefined {
  if (/[a-z0-9._-]/.test(ch)) return ch;
  if (PUNCT_CHARS.has(ch)) return `\\${ch}`;
  return undefined;
}
const PUNCT_CHARS = new Set('\\*?!"#$%&\'()+,/:;<=>@[]^`{|}~'.split(''));

/**
 * A plain value a person typed ("Exchange Server", "2019 CU12") → a formatted-string value:
 * lowercased, spaces → underscores, punctuation escaped. Characters CPE cannot carry are dropped.
 * Empty → ANY.
 */
export function cpeValueOf(text: string | null | undefined): string {
  const t = (text ?? '').trim().toLowerCase().replace(/\s+/g, '_');
  if (t === '') return '*';
  if (t === '-') return '-';
  let out = '';
  for (const ch of t) out += escapeChar(ch) ?? '';
  return out === '' ? '*' : out;
}

/** A formatted-string value → what a person reads ("*" and "-" stay as they are). */
export function cpeDisplayValue(value: string): string {
  if (value === '*' || value === '-') return value;
  return value.replace(/\\(.)/g, '$1');
}

/** An application CPE from vendor, product and version typed as plain text. */
export function cpeFromFields(fields: {
  part?: 'a' | 'o' | 'h';
  vendor: string;
  product: string;
  version?: string | null;
}): string {
  const cpe: Cpe = {
    part: fields.part ?? 'a',
    vendor: cpeValueOf(fields.vendor),
    product: cpeValueOf(fields.product),
    version: cpeValueOf(fields.version),
    update: '*',
    edition: '*',
    language: '*',
    swEdition: '*',
    targetSw: '*',
    targetHw: '*',
    other: '*',
  };
  return formatCpe(cpe);
}
