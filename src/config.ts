import path from 'node:path';
import { z } from 'zod';
import { parseAllowlist } from './platform/fetch-guard.ts';
import { ROLES, type Role } from './shared/vocabulary.ts';

/** One validated configuration object, read from the environment (documented in README). */
const envSchema = z.object({
  CANHGAC_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  CANHGAC_HOST: z.string().min(1).default('0.0.0.0'),
  CANHGAC_DATA_DIR: z.string().min(1).default('./data'),
  CANHGAC_BLOB_DIR: z.string().min(1).optional(),
  CANHGAC_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(10_240).default(100),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  CANHGAC_BASE_URL: z.url().optional(),
  CANHGAC_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  CANHGAC_EMBEDDED_PG_PORT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(65535)
    .refine((p) => p !== 5432, 'must not be 5432 (reserved for a system PostgreSQL)')
    .optional(),
  CANHGAC_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CANHGAC_TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/,
      'true, false, a hop count, or proxy addresses/CIDRs separated by commas',
    )
    .default('false'),
  CANHGAC_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  CANHGAC_WORKERS: z.enum(['true', 'false']).default('true'),
  CANHGAC_TEST_CLOCK: z.enum(['true', 'false']).default('false'),
  CANHGAC_OIDC_ISSUER: z.url().optional(),
  CANHGAC_OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  CANHGAC_OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  CANHGAC_OIDC_MATCH_CLAIM: z.enum(['email', 'preferred_username', 'sub']).default('email'),
  CANHGAC_OIDC_JIT: z.enum(['true', 'false']).default('false'),
  CANHGAC_OIDC_DEFAULT_ORG: z.string().min(1).max(100).optional(),
  CANHGAC_OIDC_DEFAULT_ROLE: z.enum(ROLES).default('member'),
  CANHGAC_OIDC_LABEL: z.string().trim().min(1).max(60).default('SSO'),
  CANHGAC_SMTP_URL: z
    .string()
    .max(2000)
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  CANHGAC_MAIL_FROM: z.string().trim().min(3).max(300).default('CanhGac <canhgac@localhost>'),
  CANHGAC_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  CANHGAC_IMAP_URL: z
    .string()
    .max(2000)
    .regex(/^imaps?:\/\/[^\s]+$/, 'must be an imap:// or imaps:// URL')
    .optional(),
  CANHGAC_CHROMIUM_PATH: z.string().min(1).max(1000).optional(),
  CANHGAC_PUBLIC_POW_BITS: z.coerce.number().int().min(0).max(32).default(19),
  CANHGAC_PUBLIC_REPORTS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(10),
  CANHGAC_FETCH_ALLOW: z
    .string()
    .max(4000)
    .regex(/^[0-9A-Za-z.:/_,\s-]*$/, 'CIDRs, addresses or host names separated by commas')
    .default(''),
  NODE_ENV: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** content-addressed file store; shared by every instance */
  blobDir: string;
  /** largest upload accepted by POST /api/files, in bytes (absent in hand-built test configs: 100 MiB) */
  maxUploadBytes?: number;
  databaseUrl: string | undefined;
  baseUrl: string;
  secret: string | undefined;
  embeddedPgPort: number;
  logLevel: z.infer<typeof envSchema>['CANHGAC_LOG_LEVEL'];
  /** Fastify's trustProxy: false, true (any), a hop count, or the proxies' addresses/CIDRs */
  trustProxy: boolean | number | string;
  secureCookies: boolean | 'auto';
  runWorkers: boolean;
  testClock: boolean;
  /** OpenID Connect single sign-on; absent when not configured */
  oidc?: OidcConfig | null;
  /** outgoing e-mail and the daily digest; absent in hand-built test configs (then: no SMTP) */
  mail?: MailConfig;
  /** Chromium that prints PDF documents; /usr/bin/chromium when absent */
  chromiumPath?: string;
  /** the default intake mailbox (imap[s]://user:password@host[:port][/folder]); absent: none */
  imapUrl?: string;
  /** CIDRs/addresses/host names that server-side fetches of user-given URLs may reach despite the private-address block */
  fetchAllow?: string[];
  /** the public report form (#6); absent in hand-built test configs: the defaults below */
  publicIntake?: PublicIntakeConfig;
};

export type PublicIntakeConfig = {
  /** proof-of-work difficulty: leading zero bits of SHA-256 (20: about a million hashes, under a second in a desktop browser) */
  powBits: number;
  /** public reports one client address may send per hour */
  reportsPerHour: number;
};

export type MailConfig = {
  /** smtp://host:port or smtps://…; without it e-mail deliveries wait as queued */
  smtpUrl: string | undefined;
  from: string;
  /** hour (0–23, Asia/Ho_Chi_Minh) of the daily digest e-mail */
  digestHour: number;
};

export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** which claim finds the user: email → users.email, preferred_username → users.username, sub → a stored link only */
  matchClaim: 'email' | 'preferred_username' | 'sub';
  /** create unknown users (just-in-time) in the default organisation with the default role */
  jit: boolean;
  defaultOrgCode: string | undefined;
  defaultRole: Role;
  label: string;
};

export class ConfigError extends Error {}

export const DEFAULT_EMBEDDED_PG_PORT = 54329;

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`invalid configuration ${where}: ${issue?.message ?? 'invalid value'}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL && !e.CANHGAC_SECRET) {
    throw new ConfigError(
      'CANHGAC_SECRET is required with an external database (DATABASE_URL): every instance must share it',
    );
  }
  if (e.CANHGAC_TEST_CLOCK === 'true' && e.NODE_ENV === 'production') {
    throw new ConfigError('CANHGAC_TEST_CLOCK is a test setting and is refused when NODE_ENV=production');
  }
  const port = e.CANHGAC_PORT ?? e.PORT ?? 8080;
  const oidc = oidcConfig(e);
  return {
    port,
    host: e.CANHGAC_HOST,
    dataDir: path.resolve(e.CANHGAC_DATA_DIR),
    blobDir: path.resolve(e.CANHGAC_BLOB_DIR ?? path.join(e.CANHGAC_DATA_DIR, 'blobs')),
    maxUploadBytes: e.CANHGAC_MAX_UPLOAD_MB * 1024 * 1024,
    databaseUrl: e.DATABASE_URL,
    baseUrl: e.CANHGAC_BASE_URL ?? `http://localhost:${port}`,
    secret: e.CANHGAC_SECRET,
    embeddedPgPort: e.CANHGAC_EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT,
    logLevel: e.CANHGAC_LOG_LEVEL,
    trustProxy: parseTrustProxy(e.CANHGAC_TRUST_PROXY),
    secureCookies: e.CANHGAC_SECURE_COOKIES === 'auto' ? 'auto' : e.CANHGAC_SECURE_COOKIES === 'true',
    runWorkers: e.CANHGAC_WORKERS === 'true',
    testClock: e.CANHGAC_TEST_CLOCK === 'true',
    oidc,
    mail: { smtpUrl: e.CANHGAC_SMTP_URL, from: e.CANHGAC_MAIL_FROM, digestHour: e.CANHGAC_DIGEST_HOUR },
    chromiumPath: e.CANHGAC_CHROMIUM_PATH,
    imapUrl: e.CANHGAC_IMAP_URL,
    fetchAllow: fetchAllowlist(e.CANHGAC_FETCH_ALLOW),
    publicIntake: { powBits: e.CANHGAC_PUBLIC_POW_BITS, reportsPerHour: e.CANHGAC_PUBLIC_REPORTS_PER_HOUR },
  };
}

function fetchAllowlist(value: string): string[] {
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  try {
    parseAllowlist(entries);
  } catch (err) {
    throw new ConfigError(`invalid configuration CANHGAC_FETCH_ALLOW: ${(err as Error).message}`);
  }
  return entries;
}

function oidcConfig(e: z.infer<typeof envSchema>): OidcConfig | null {
  const given = [e.CANHGAC_OIDC_ISSUER, e.CANHGAC_OIDC_CLIENT_ID, e.CANHGAC_OIDC_CLIENT_SECRET];
  if (given.every((v) => v === undefined)) return null;
  if (!e.CANHGAC_OIDC_ISSUER || !e.CANHGAC_OIDC_CLIENT_ID || !e.CANHGAC_OIDC_CLIENT_SECRET) {
    throw new ConfigError(
      'CANHGAC_OIDC_ISSUER, CANHGAC_OIDC_CLIENT_ID and CANHGAC_OIDC_CLIENT_SECRET go together: set all three or none',
    );
  }
  const jit = e.CANHGAC_OIDC_JIT === 'true';
  if (jit && !e.CANHGAC_OIDC_DEFAULT_ORG) {
    throw new ConfigError('CANHGAC_OIDC_JIT=true needs CANHGAC_OIDC_DEFAULT_ORG (the organisation code for new users)');
  }
  // Anyone with an account at the identity provider would become an administrator.
  if (e.CANHGAC_OIDC_DEFAULT_ROLE === 'admin') {
    throw new ConfigError('CANHGAC_OIDC_DEFAULT_ROLE must not be admin');
  }
  return {
    issuer: e.CANHGAC_OIDC_ISSUER,
    clientId: e.CANHGAC_OIDC_CLIENT_ID,
    clientSecret: e.CANHGAC_OIDC_CLIENT_SECRET,
    matchClaim: e.CANHGAC_OIDC_MATCH_CLAIM,
    jit,
    defaultOrgCode: e.CANHGAC_OIDC_DEFAULT_ORG,
    defaultRole: e.CANHGAC_OIDC_DEFAULT_ROLE,
    label: e.CANHGAC_OIDC_LABEL,
  };
}
