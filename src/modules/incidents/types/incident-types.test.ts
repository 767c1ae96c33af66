import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRsitPair, RSIT_PAIRS } from '../../../engines/rsit/index.ts';
import { parseIncidentTypes, readIncidentTypesFile } from './load.ts';
import type { IncidentTypesFile } from './schema.ts';

const shipped = await readIncidentTypesFile();

function withTypes(types: unknown[]): unknown {
  return { ...shipped, types };
}

describe('shipped incident types (seed/incident-types.json)', () => {
  it('loads and holds the 10 Mẫu 05 types plus personal-data leak', () => {
    expect(shipped.types.map((t) => t.code)).toEqual([
      'denial-of-service',
      'spoofing',
      'malware',
      'unauthorised-access',
      'defacement',
      'encryption',
      'destruction',
      'espionage',
      'combined',
      'other',
      'personal-data-leak',
    ]);
    expect(shipped.types.find((t) => t.code === 'spoofing')?.nameVi).toBe('Tấn công giả mạo');
  });

  it('has unique codes and only official RSIT pairs', () => {
    const codes = shipped.types.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const t of shipped.types) expect(RSIT_PAIRS).toContain(`${t.rsit.class}/${t.rsit.type}`);
  });

  it('maps the worked examples as RSIT describes them', () => {
    const pair = (code: string) => {
      const t = shipped.types.find((x) => x.code === code);
      return `${t?.rsit.class}/${t?.rsit.type}`;
    };
    expect(pair('denial-of-service')).toBe('availability/ddos');
    expect(pair('defacement')).toBe('information-content-security/unauthorised-information-modification');
    expect(pair('encryption')).toBe('information-content-security/unauthorised-information-modification');
    expect(pair('personal-data-leak')).toBe('information-content-security/data-leak');
  });
});

describe('incident-type file validation', () => {
  const first = shipped.types[0];

  it('rejects a duplicate code, naming the second occurrence', () => {
    const r = parseIncidentTypes(withTypes([first, { ...first, nameVi: 'Khác' }]));
    expect(r).toEqual({ ok: false, error: 'types.1.code: duplicate code denial-of-service' });
  });

  it('rejects a type outside its RSIT class and an unknown class', () => {
    const wrongType = parseIncidentTypes(
      withTypes([{ ...first, rsit: { class: 'malicious-code', type: 'ransomware' } }]),
    );
    expect(wrongType).toEqual({ ok: false, error: 'types.0.rsit.type: not a class/type pair of the RSIT' });
    const wrongClass = parseIncidentTypes(withTypes([{ ...first, rsit: { class: 'malware', type: 'dos' } }]));
    expect(wrongClass.ok).toBe(false);
  });

  it('rejects bad codes, blank names, unknown keys and another RSIT version', () => {
    for (const bad of [
      withTypes([{ ...first, code: 'Denial Of Service' }]),
      withTypes([{ ...first, nameEn: '   ' }]),
      withTypes([{ ...first, colour: 'red' }]),
      withTypes([]),
      { ...shipped, rsitVersion: 1002 },
    ])
      expect(parseIncidentTypes(bad).ok).toBe(false);
  });

  it('reports an unreadable or malformed file with its name', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-types-'));
    const file = path.join(dir, 'types.json');
    await fs.writeFile(file, '{ not json');
    await expect(readIncidentTypesFile(file)).rejects.toThrow(/cannot read incident-type file .*types\.json/);
    await fs.writeFile(file, JSON.stringify(withTypes([first, first])));
    await expect(readIncidentTypesFile(file)).rejects.toThrow(/types\.1\.code: duplicate code/);
    await fs.rm(dir, { recursive: true });
  });

  it('property: never throws on arbitrary input, and accepts only official RSIT pairs', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        expect(typeof parseIncidentTypes(raw).ok).toBe('boolean');
      }),
    );
    const token = fc.oneof(fc.constantFrom(...RSIT_PAIRS.flatMap((p) => p.split('/'))), fc.string());
    fc.assert(
      fc.property(token, token, (cls, type) => {
        const r = parseIncidentTypes(withTypes([{ ...first, rsit: { class: cls, type } }]));
        expect(r.ok).toBe(isRsitPair(cls, type));
        if (r.ok) expect((r.file satisfies IncidentTypesFile).types[0]?.rsit).toEqual({ class: cls, type });
      }),
    );
  });
});
