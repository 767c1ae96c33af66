type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const SECRET_FIELDS = /password|secret|token|hash|recovery/i;

function toJson(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_FIELDS.test(k) ? '[redacted]' : toJson(v);
    return out;
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/**
 * The before/after diff stored with an audit entry: only changed fields, secrets redacted.
 * Creation has no `before`, deletion no `after`.
 */
export function auditDiff(before: object | null, after: object | null): { [key: string]: Json } {
  const b = before ? (toJson(before) as { [key: string]: Json }) : null;
  const a = after ? (toJson(after) as { [key: string]: Json }) : null;
  if (!b || !a) return { before: b, after: a };
  const changedBefore: { [key: string]: Json } = {};
  const changedAfter: { [key: string]: Json } = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (JSON.stringify(b[key] ?? null) === JSON.stringify(a[key] ?? null)) continue;
    changedBefore[key] = b[key] ?? null;
    changedAfter[key] = a[key] ?? null;
  }
  return { before: changedBefore, after: changedAfter };
}
