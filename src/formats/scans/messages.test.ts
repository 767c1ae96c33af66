import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { message } from '../../platform/messages.ts';
import { scanFormatMessages } from './messages.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('scan format messages', () => {
  it('every scan_* key a parser uses has a Vietnamese and an English text', () => {
    // Quoted scan_* strings, except XML element names compared with ===.
    const used = new Set(
      sources(import.meta.dirname).flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/(?<!=== )'(scan_[a-z_]+)'/g)].map((m) => m[1] as string),
      ),
    );
    expect(used.size).toBeGreaterThan(10);
    const texts = scanFormatMessages as Record<string, { vi: string; en: string }>;
    for (const key of used) {
      expect([key, Boolean(texts[key]?.vi), Boolean(texts[key]?.en)]).toEqual([key, true, true]);
    }
  });

  it('is merged into the platform catalogue with its placeholders filled', () => {
    expect(message('scan_not_format', 'en', { format: 'SARIF 2.1' })).toBe('The file is not in the SARIF 2.1 format.');
    expect(message('scan_csv_missing_columns', 'vi', { list: 'severity' })).toBe(
      'Tệp CSV thiếu cột bắt buộc: severity.',
    );
  });
});
