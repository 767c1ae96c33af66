import fs from 'node:fs/promises';

let cached: string | undefined;

/** The version in package.json, recorded in each backup's manifest. */
export async function appVersion(): Promise<string> {
  if (cached === undefined) {
    const pkg = JSON.parse(await fs.readFile(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    cached = pkg.version ?? 'unknown';
  }
  return cached;
}
