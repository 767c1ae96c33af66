import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { SiemMapping } from '../../../engines/siem-mapping/index.ts';
import { decrypt } from '../../../platform/secrets.ts';
import { type SiemAuthMode, type SiemKind, siemSources } from './tables.ts';

/** What the webhook needs of a source on every request, with the HMAC secret decrypted. */
export type SourceConfig = {
  id: string;
  name: string;
  kind: SiemKind;
  organisationId: string | null;
  authMode: SiemAuthMode;
  secret: string | null;
  tokenHash: string | null;
  mapping: SiemMapping | null;
  minLevel: number;
  groupWindowMinutes: number;
  enabled: boolean;
};

/**
 * Sources change rarely and every alert needs one: cached per database for a few seconds (unknown
 * ids too, so a flood of bogus ids does not become a flood of queries). An edit on this instance
 * drops its entry at once; other instances see it within TTL_MS.
 */
const TTL_MS = 5000;
const MAX_ENTRIES = 10_000;
type Entry = { at: number; config: SourceConfig | null };
const caches = new WeakMap<Db, Map<string, Entry>>();

function cacheOf(db: Db): Map<string, Entry> {
  let c = caches.get(db);
  if (!c) {
    c = new Map();
    caches.set(db, c);
  }
  return c;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function sourceConfig(db: Db, secretKey: Buffer, id: string): Promise<SourceConfig | null> {
  if (!UUID.test(id)) return null;
  const cache = cacheOf(db);
  const now = performance.now();
  const hit = cache.get(id);
  if (hit && now - hit.at < TTL_MS) return hit.config;
  const [row] = await db.select().from(siemSources).where(eq(siemSources.id, id));
  const config: SourceConfig | null = row
    ? {
        id: row.id,
        name: row.name,
        kind: row.kind,
        organisationId: row.organisationId,
        authMode: row.authMode,
        secret: row.secretEnc ? decrypt(secretKey, row.secretEnc) : null,
        tokenHash: row.tokenHash,
        mapping: row.mapping,
        minLevel: row.minLevel,
        groupWindowMinutes: row.groupWindowMinutes,
        enabled: row.enabled,
      }
    : null;
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(id, { at: now, config });
  return config;
}

export function forgetSource(db: Db, id: string): void {
  cacheOf(db).delete(id);
}
