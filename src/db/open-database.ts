import type { Config } from '../config.ts';
import { openEmbeddedServer } from './embedded-server.ts';

export type DatabaseHandle = {
  url: string;
  embedded: boolean;
  /** stops the embedded server if this process started it */
  close(): Promise<void>;
};

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under the data dir. */
export async function openDatabase(
  config: Config,
  log: (msg: string) => void,
  opts: { requireOwnership?: boolean } = {},
): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, close: async () => {} };
  const server = await openEmbeddedServer({
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    portFallback: !process.env.CANHGAC_EMBEDDED_PG_PORT,
    requireOwnership: opts.requireOwnership,
    log,
  });
  return { url: server.url, embedded: true, close: () => server.stop() };
}
