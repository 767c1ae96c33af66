import { detectHash } from '../normalise/index.ts';
import type { ObservableType } from '../observables/index.ts';
import { normaliseObservable } from '../observables/index.ts';
import { MAX_VALUES, type PathSegment, parsePath, resolvePath } from './path.ts';

/** `ip` and `hash` pick the exact type (ipv4/ipv6, md5/sha1/sha256/sha512) from the value. */
export type MappedObservableType = ObservableType | 'ip' | 'hash';

export type ObservableRule = {
  path: string;
  type: MappedObservableType;
  /** alerts sharing this observable (same source, within the window) become one report */
  group: boolean;
};

/** Where a SIEM's alert JSON keeps each fact (paths as in path.ts). */
export type SiemMapping = {
  externalId?: string | null;
  title: string;
  description?: string | null;
  level?: string | null;
  /** severity words → level, matched case-insensitively (`{"high": 10}`) */
  levelNames?: Record<string, number>;
  detectedAt?: string | null;
  observables: ObservableRule[];
};

export type MappingField = 'alert' | 'externalId' | 'title' | 'description' | 'level' | 'detectedAt' | 'observables';

export type MappingProblemReason = 'not_object' | 'path_invalid' | 'missing' | 'not_text' | 'not_number' | 'not_time';

export type MappingProblem = { field: MappingField; reason: MappingProblemReason; path: string };

export type MappedObservable = { type: ObservableType; value: string; group: boolean };

export type ParsedAlert = {
  externalId: string | null;
  title: string;
  description: string;
  level: number | null;
  detectedAt: Date | null;
  observables: MappedObservable[];
  /** mapped values that are not what their type says, as `type:value` (shortened) */
  invalidObservables: string[];
};

export type MappingResult = { ok: true; alert: ParsedAlert } | { ok: false; problems: MappingProblem[] };

export const TITLE_LIMIT = 500;
export const DESCRIPTION_LIMIT = 100_000;
export const EXTERNAL_ID_LIMIT = 200;
/** observables kept from one alert (the report extracts more from the text) */
export const ALERT_OBSERVABLES_MAX = 500;

/** The paths of a mapping that do not parse (what an administrator must fix before saving). */
export function mappingPathProblems(m: SiemMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const check = (field: MappingField, path: string | null | undefined) => {
    if (path !== null && path !== undefined && !parsePath(path)) problems.push({ field, reason: 'path_invalid', path });
  };
  check('externalId', m.externalId);
  if (!m.title) problems.push({ field: 'title', reason: 'path_invalid', path: '' });
  check('title', m.title);
  check('description', m.description);
  check('level', m.level);
  check('detectedAt', m.detectedAt);
  for (const o of m.observables) check('observables', o.path);
  return problems;
}

/** Control characters out (PostgreSQL text holds no NUL); a description keeps its newlines and tabs. */
export function clean(s: string, multiline: boolean): string {
  return multiline
    ? s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    : s.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

export function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

type Scalar = { value: string | number | boolean } | { problem: MappingProblemReason } | undefined;

/** The first value at `path`: a scalar, a problem, or undefined when nothing is there. */
function firstScalar(root: unknown, segments: PathSegment[]): Scalar {
  const [v] = resolvePath(root, segments);
  if (v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { value: v };
  return { problem: 'not_text' };
}

/** 9999-12-31T23:59:59.999Z: later instants are no alert's time (and PostgreSQL's driver cannot write them). */
const LATEST_TIME = 253402300799999;
/** a level is a small number: beyond this it does not fit the integer column, so it is no level */
const LEVEL_MAX = 1e9;

/** ISO 8601 (also `+0000` offsets), or Unix time in seconds or milliseconds. */
export function parseAlertTime(v: string | number | boolean): Date | undefined {
  if (typeof v === 'boolean') return undefined;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v <= 0) return undefined;
    const d = new Date(v < 1e11 ? v * 1000 : v);
    const t = d.getTime();
    return Number.isNaN(t) || t > LATEST_TIME ? undefined : d;
  }
  const s = v.trim();
  if (/^\d{9,13}(\.\d+)?$/.test(s)) return parseAlertTime(Number(s));
  // a date with a time: a bare word like "now" or "2020" is not one
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s) || s.length > 40) return undefined;
  const d = new Date(s.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  const t = d.getTime();
  return Number.isNaN(t) || t < 0 || t > LATEST_TIME ? undefined : d;
}

function parseLevel(v: string | number | boolean, names: Record<string, number> | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && Math.abs(v) < LEVEL_MAX ? v : undefined;
  if (typeof v === 'boolean') return undefined;
  const s = v.trim();
  if (/^-?\d{1,9}(\.\d+)?$/.test(s)) return Number(s);
  const lower = s.toLowerCase();
  for (const [name, level] of Object.entries(names ?? {})) if (name.toLowerCase() === lower) return level;
  return undefined;
}

/** An observable value as its type wants it, or undefined when it is not one. */
export function normaliseMapped(
  type: MappedObservableType,
  raw: string,
): { type: ObservableType; value: string } | undefined {
  if (type === 'ip') {
    for (const t of ['ipv4', 'ipv6'] as const) {
      const value = normaliseObservable(t, raw);
      if (value !== undefined) return { type: t, value };
    }
    return undefined;
  }
  if (type === 'hash') {
    const h = detectHash(raw);
    return h.ok ? { type: h.value.algorithm, value: h.value.value } : undefined;
  }
  const value = normaliseObservable(type, raw);
  return value === undefined ? undefined : { type, value };
}

function collectObservables(root: unknown, rules: readonly ObservableRule[], problems: MappingProblem[]) {
  const items: MappedObservable[] = [];
  const invalid: string[] = [];
  const seen = new Map<string, MappedObservable>();
  for (const rule of rules) {
    const segments = parsePath(rule.path);
    if (!segments) {
      problems.push({ field: 'observables', reason: 'path_invalid', path: rule.path });
      continue;
    }
    // an array of values at the path counts value by value
    const values = resolvePath(root, segments).flatMap((v) => (Array.isArray(v) ? v.slice(0, MAX_VALUES) : [v]));
    for (const v of values) {
      if (typeof v !== 'string' && typeof v !== 'number') continue;
      const raw = String(v).trim();
      if (raw === '') continue;
      const n = normaliseMapped(rule.type, raw.slice(0, 4000));
      if (!n) {
        if (invalid.length < 20) invalid.push(`${rule.type}:${raw.slice(0, 80)}`);
        continue;
      }
      const key = `${n.type}\u0000${n.value}`;
      const before = seen.get(key);
      if (before) {
        before.group ||= rule.group;
        continue;
      }
      if (items.length >= ALERT_OBSERVABLES_MAX) continue;
      const item = { ...n, group: rule.group };
      seen.set(key, item);
      items.push(item);
    }
  }
  return { items, invalid };
}

/**
 * Reads one alert through a mapping: the facts a report needs, or every problem found (a path
 * that does not parse, a required value missing, a value of the wrong kind). Never throws.
 */
export function applyMapping(alert: unknown, m: SiemMapping): MappingResult {
  if (alert === null || typeof alert !== 'object' || Array.isArray(alert))
    return { ok: false, problems: [{ field: 'alert', reason: 'not_object', path: '' }] };
  const problems: MappingProblem[] = [];

  const read = (field: MappingField, path: string | null | undefined, required: boolean) => {
    if (path === null || path === undefined || path === '') return undefined;
    const segments = parsePath(path);
    if (!segments) {
      problems.push({ field, reason: 'path_invalid', path });
      return undefined;
    }
    const r = firstScalar(alert, segments);
    if (r === undefined) {
      if (required) problems.push({ field, reason: 'missing', path });
      return undefined;
    }
    if ('problem' in r) {
      problems.push({ field, reason: r.problem, path });
      return undefined;
    }
    return r.value;
  };

  if (!m.title) problems.push({ field: 'title', reason: 'path_invalid', path: '' });
  const title = read('title', m.title, true);
  const externalIdRaw = read('externalId', m.externalId, false);
  const description = read('description', m.description, false);
  const levelRaw = read('level', m.level, true);
  const timeRaw = read('detectedAt', m.detectedAt, false);

  let level: number | null = null;
  if (levelRaw !== undefined) {
    const parsed = parseLevel(levelRaw, m.levelNames);
    if (parsed === undefined) problems.push({ field: 'level', reason: 'not_number', path: m.level ?? '' });
    else level = parsed;
  }
  let detectedAt: Date | null = null;
  if (timeRaw !== undefined) {
    const parsed = parseAlertTime(timeRaw);
    if (!parsed) problems.push({ field: 'detectedAt', reason: 'not_time', path: m.detectedAt ?? '' });
    else detectedAt = parsed;
  }
  const titleText = title === undefined ? '' : clean(String(title), false).replace(/\s+/g, ' ').trim();
  if (title !== undefined && titleText === '') problems.push({ field: 'title', reason: 'missing', path: m.title });
  const externalId = externalIdRaw === undefined ? '' : clean(String(externalIdRaw), false).trim();

  const observables = collectObservables(alert, m.observables, problems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    alert: {
      // whole: cutting would make distinct long ids one (a replay); the receiver fingerprints long ones
      externalId: externalId === '' ? null : externalId,
      title: cut(titleText, TITLE_LIMIT),
      description: description === undefined ? '' : cut(clean(String(description), true), DESCRIPTION_LIMIT),
      level,
      detectedAt,
      observables: observables.items,
      invalidObservables: observables.invalid,
    },
  };
}
