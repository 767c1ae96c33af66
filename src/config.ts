import path from 'node:path';
import { z } from 'zod';

/** One validated configuration object, read from the environment (documented in README). */
const envSchema = z.object({
  CANHGAC_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  CANHGAC_HOST: z.string().min(1).default('0.0.0.0'),
  CANHGAC_DATA_DIR: z.string().min(1).default('./data'),
  CANHGAC_BLOB_DIR: z.string().min(1).optional(),
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
  NODE_ENV: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  /** content-addressed file store; shared by every instance */
  blobDir: string;
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
  return {
    port,
    host: e.CANHGAC_HOST,
    dataDir: path.resolve(e.CANHGAC_DATA_DIR),
    blobDir: path.resolve(e.CANHGAC_BLOB_DIR ?? path.join(e.CANHGAC_DATA_DIR, 'blobs')),
    databaseUrl: e.DATABASE_URL,
    baseUrl: e.CANHGAC_BASE_URL ?? `http://localhost:${port}`,
    secret: e.CANHGAC_SECRET,
    embeddedPgPort: e.CANHGAC_EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT,
    logLevel: e.CANHGAC_LOG_LEVEL,
    trustProxy: parseTrustProxy(e.CANHGAC_TRUST_PROXY),
    secureCookies: e.CANHGAC_SECURE_COOKIES === 'auto' ? 'auto' : e.CANHGAC_SECURE_COOKIES === 'true',
    runWorkers: e.CANHGAC_WORKERS === 'true',
    testClock: e.CANHGAC_TEST_CLOCK === 'true',
  };
}
