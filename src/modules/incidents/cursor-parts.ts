const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Years 1–9999: outside them Date prints "+012345-…" or "-000001-…", which PostgreSQL refuses. */
const MIN = Date.parse('0001-01-01T00:00:00Z');
const MAX = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * The parts of a keyset cursor, checked the way the database will read them: a forged or stale
 * cursor is ignored (first page), never a 500.
 */
export function cursorTime(v: unknown): Date | undefined {
  if (typeof v !== 'string') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) || t < MIN || t > MAX ? undefined : new Date(t);
}

export function cursorUuid(v: unknown): string | undefined {
  return typeof v === 'string' && UUID.test(v) ? v : undefined;
}

export function cursorBigint(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
}
