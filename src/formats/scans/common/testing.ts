import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { type ParsedFinding, type ScanEvent, ScanFormatError, type ScanParser, type SkippedRecord } from '../types.ts';

/** DefectDojo's sample scans (BSD-3), present when ../shared is checked out beside the project. */
export const SHARED_SCANS = resolve(import.meta.dirname, '../../../../../shared/fixtures/scans');
export const hasSharedScans = existsSync(SHARED_SCANS);
if (!hasSharedScans) console.log(`scan parser acceptance tests skipped: ${SHARED_SCANS} does not exist`);

export function sharedScan(path: string): Buffer {
  return readFileSync(resolve(SHARED_SCANS, path));
}

export function localFixture(dir: string, name: string): Buffer {
  return readFileSync(resolve(dir, 'fixtures', name));
}

/** Feeds bytes in chunks of `size` (small sizes split tokens and multi-byte characters). */
export async function* chunked(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export type Parsed = {
  events: ScanEvent[];
  findings: ParsedFinding[];
  skipped: SkippedRecord[];
  hosts: string[];
};

export async function parseAll(parser: ScanParser, bytes: Uint8Array | string, size = 4096): Promise<Parsed> {
  const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  const events: ScanEvent[] = [];
  for await (const e of parser(chunked(data, size))) events.push(e);
  return {
    events,
    findings: events.flatMap((e) => (e.kind === 'finding' ? [e.finding] : [])),
    skipped: events.flatMap((e) => (e.kind === 'skipped' ? [e.skipped] : [])),
    hosts: events.flatMap((e) => (e.kind === 'host' ? [e.host.host] : [])),
  };
}

/** The ScanFormatError a parse ends with; fails the test when it succeeds or throws anything else. */
export async function parseError(parser: ScanParser, bytes: Uint8Array | string): Promise<ScanFormatError> {
  try {
    await parseAll(parser, bytes, 5);
  } catch (e) {
    expect(e).toBeInstanceOf(ScanFormatError);
    return e as ScanFormatError;
  }
  throw new Error('expected a ScanFormatError');
}

/** Parses and reports "ok" or the error key; any other exception fails. Bounded by a timeout. */
export async function outcome(parser: ScanParser, bytes: Uint8Array, size = 13): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('parser hung')), 5000);
  });
  try {
    await Promise.race([parseAll(parser, bytes, size), guard]);
    return 'ok';
  } catch (e) {
    if (e instanceof ScanFormatError) return e.key;
    throw e;
  } finally {
    clearTimeout(timer);
  }
}
