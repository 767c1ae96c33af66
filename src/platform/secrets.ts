import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export type Keys = {
  /** AES-256-GCM key for TOTP secrets at rest */
  totp: Buffer;
  /** HMAC key for signatures (webhooks, links) */
  signing: Buffer;
  /** AES-256-GCM key for webhook signing secrets at rest */
  webhookSecrets: Buffer;
  /** AES-256-GCM key for intake mailbox (IMAP) passwords at rest */
  mailboxSecrets: Buffer;
};

export function deriveKeys(masterSecret: string): Keys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterSecret, 'canhgac', info, 32));
  return {
    totp: derive('canhgac/totp-encryption/v1'),
    signing: derive('canhgac/signing/v1'),
    webhookSecrets: derive('canhgac/webhook-secret-encryption/v1'),
    mailboxSecrets: derive('canhgac/mailbox-password-encryption/v1'),
  };
}

/** The master secret from CANHGAC_SECRET, or generated once into the embedded data dir (0600). */
export async function loadMasterSecret(configured: string | undefined, dataDir: string): Promise<string> {
  if (configured) return configured;
  const file = path.join(dataDir, 'secret');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    await fs.mkdir(dataDir, { recursive: true });
    await fs.writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(() => undefined);
    return (await fs.readFile(file, 'utf8')).trim();
  }
}

export function encrypt(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join(
    '.',
  );
}

export function decrypt(key: Buffer, sealed: string): string {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== 'v1' || !iv || body === undefined || !tag) throw new Error('unreadable encrypted value');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
