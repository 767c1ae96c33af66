import pg from 'pg';
import { OwnershipIndex } from '../../../engines/ownership/index.ts';
import type { Platform } from '../../../platform/platform.ts';
import {
  loadOwnershipData,
  type OrgRef,
  type PendingComponentClaim,
  readOwnershipVersion,
  type SystemRef,
} from './ownership-loader.ts';

export const OWNERSHIP_CHANNEL = 'canhgac_ownership';

export type OwnershipSnapshot = {
  version: number;
  index: OwnershipIndex;
  organisations: Map<string, OrgRef>;
  systems: Map<string, SystemRef>;
  pending: PendingComponentClaim[];
};

export type OwnershipServiceOptions = {
  /** fallback version check, in case a notification is missed (connection lost, restarted server) */
  pollMs: number;
  /** LISTEN on the channel (turned off by the test proving the fallback alone suffices) */
  listen: boolean;
};

const DEFAULTS: OwnershipServiceOptions = { pollMs: 5000, listen: true };

/**
 * Keeps this instance's ownership index current. Triggers bump a version sequence and NOTIFY on
 * every change of ranges, domains, components, systems or organisations (migration 0011); this
 * service LISTENs and rebuilds, and also compares versions every few seconds as a fallback.
 * Rebuilds are coalesced: edits arriving during a load cause exactly one more load.
 */
export class OwnershipService {
  private readonly platform: Platform;
  private readonly options: OwnershipServiceOptions;
  private snapshot: OwnershipSnapshot | undefined;
  private loading: Promise<void> | undefined;
  private again = false;
  private listener: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(platform: Platform, options: Partial<OwnershipServiceOptions> = {}) {
    this.platform = platform;
    this.options = { ...DEFAULTS, ...options };
  }

  /** The current index, loading it (and starting to watch for changes) on first use. */
  async current(): Promise<OwnershipSnapshot> {
    if (!this.snapshot) {
      this.watch();
      await this.refresh();
    }
    return this.snapshot as OwnershipSnapshot;
  }

  /** Rebuilds from the database; concurrent calls share a load, and a call during a load gets the next one. */
  refresh(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        const data = await loadOwnershipData(this.platform.pool);
        this.snapshot = { ...data, index: new OwnershipIndex(data.entries) };
        this.platform.log.debug({ version: data.version, ...this.snapshot.index.stats }, 'ownership index rebuilt');
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private watch(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.check(), this.options.pollMs);
    this.timer.unref();
    if (this.options.listen) void this.listen();
  }

  private async check(): Promise<void> {
    try {
      if (this.options.listen && !this.listener) await this.listen();
      const version = await readOwnershipVersion(this.platform.pool);
      if (this.snapshot && version !== this.snapshot.version) await this.refresh();
    } catch (err) {
      this.platform.log.warn({ err }, 'ownership version check failed');
    }
  }

  private async listen(): Promise<void> {
    if (this.listener || this.stopped) return;
    const client = new pg.Client({ ...this.platform.pool.options, application_name: 'canhgac-ownership' });
    this.listener = client;
    client.on('error', () => {
      // Dropped connection: the poll re-establishes it.
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
    });
    client.on('notification', (msg) => {
      if (msg.channel !== OWNERSHIP_CHANNEL || !this.snapshot) return;
      if (Number(msg.payload) > this.snapshot.version) void this.refresh().catch(() => undefined);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OWNERSHIP_CHANNEL}`);
    } catch (err) {
      if (this.listener === client) this.listener = undefined;
      await client.end().catch(() => undefined);
      this.platform.log.warn({ err }, 'ownership LISTEN failed; relying on the version check');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    const client = this.listener;
    this.listener = undefined;
    await client?.end().catch(() => undefined);
    await this.loading?.catch(() => undefined);
  }
}

const services = new WeakMap<Platform, OwnershipService>();

/** One service per platform (process-wide in production; several in a two-instance test). */
export function ownershipService(platform: Platform, options?: Partial<OwnershipServiceOptions>): OwnershipService {
  let s = services.get(platform);
  if (!s) {
    s = new OwnershipService(platform, options);
    services.set(platform, s);
  }
  return s;
}

export async function stopOwnershipService(platform: Platform): Promise<void> {
  await services.get(platform)?.stop();
  services.delete(platform);
}
