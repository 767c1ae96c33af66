import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const FORMAT = 'canhgac-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const SIGNATURE_ENTRY = 'manifest.sig';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const ident = z.string().min(1).max(63);

export const DATA_ENTRY = /^data\/\d{4}-[^/]{1,140}\.copy$/;
export const BLOB_ENTRY = /^blobs\/sha256\/([0-9a-f]{64})$/;

const entrySchema = z.strictObject({
  name: z.string().regex(new RegExp(`${DATA_ENTRY.source}|${BLOB_ENTRY.source}`)),
  size: z.number().int().min(0),
  sha256,
});

const migrationSchema = z.strictObject({ createdAt: z.number().int().min(0), hash: sha256 });

export const manifestSchema = z.strictObject({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  appVersion: z.string().max(64),
  createdAt: z.iso.datetime(),
  source: z.strictObject({ serverVersion: z.string().max(200), serverVersionNum: z.number().int() }),
  /** every migration applied to the source, in order; the last one is the archive's level */
  migrations: z.array(migrationSchema).max(10_000),
  tables: z
    .array(
      z.strictObject({
        schema: ident,
        name: ident,
        columns: z.array(ident).min(1).max(1600),
        rows: z.number().int().min(0),
        entry: z.string().regex(DATA_ENTRY),
      }),
    )
    .max(10_000),
  sequences: z
    .array(z.strictObject({ schema: ident, name: ident, value: z.number().int().nullable(), isCalled: z.boolean() }))
    .max(10_000),
  blobs: z.number().int().min(0),
  audit: z.strictObject({ lastSeq: z.number().int().min(0), lastHash: z.string().max(64) }).nullable(),
  /** every entry of the archive but the manifest and its signature */
  entries: z.array(entrySchema),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = z.infer<typeof entrySchema>;

/** The manifest's HMAC key, derived from the master secret: an archive can only be altered by someone holding it. */
export function manifestKey(masterSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterSecret, 'canhgac', 'canhgac/backup-manifest/v1', 32));
}

export function signManifest(key: Buffer, manifest: Buffer): string {
  return createHmac('sha256', key).update(manifest).digest('hex');
}

export function signatureValid(key: Buffer, manifest: Buffer, signature: string): boolean {
  const expected = Buffer.from(signManifest(key, manifest));
  const given = Buffer.from(signature.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}
