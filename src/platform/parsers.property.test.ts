import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH } from '../modules/audit/chain.ts';
import { csvField } from '../modules/audit/csv.ts';
import { auditDiff } from '../modules/audit/diff.ts';
import { readConstituencyFile } from '../modules/constituency/seed-file.ts';
import { matchTotp, newTotpSecret, totpCodeAt } from '../modules/identity/totp.ts';
import { localeFrom } from './messages.ts';
import { decodeCursor, encodeCursor } from './pagination.ts';
import { decrypt, deriveKeys, encrypt } from './secrets.ts';

describe('cursors', () => {
  it('round-trip any key', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.integer())), (key) => {
        expect(decodeCursor(encodeCursor(key))).toEqual(key);
      }),
    );
  });
  it('decode garbage to nothing, never throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const v = decodeCursor(s);
        expect(v === undefined || Array.isArray(v)).toBe(true);
      }),
    );
  });
});

describe('CSV export fields', () => {
  /** A minimal RFC 4180 reader for one field, to check the writer against. */
  function readField(f: string): string {
    if (!f.startsWith('"')) return f;
    return f.slice(1, -1).replaceAll('""', '"');
  }
  it('quote so that reading gives the text back (formula prefixes neutralised)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = readField(csvField(s));
        expect(out === s || out === `'${s}`).toBe(true);
        expect(/^[=+\-@\t\r]/.test(out)).toBe(false);
      }),
    );
  });
});

describe('audit diff and hash', () => {
  it('a diff names exactly the changed fields and redacts secrets', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'password', 'token'), fc.jsonValue()),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'password', 'token'), fc.jsonValue()),
        (before, after) => {
          const d = auditDiff(before, after) as { before: Record<string, unknown>; after: Record<string, unknown> };
          for (const k of Object.keys(d.after)) {
            if (k === 'password' || k === 'token')
              expect(d.after[k] === '[redacted]' || d.after[k] === null).toBe(true);
          }
          expect(Object.keys(d.before).sort()).toEqual(Object.keys(d.after).sort());
        },
      ),
    );
  });
  it('any change to an entry changes its hash', () => {
    const entry = fc.record({
      id: fc.nat(),
      seq: fc.nat(),
      createdAt: fc.string(),
      actor: fc.string(),
      actorUserId: fc.option(fc.uuid()),
      organisationId: fc.option(fc.uuid()),
      action: fc.string(),
      subjectType: fc.string(),
      subjectId: fc.option(fc.string()),
      diff: fc.jsonValue(),
      requestId: fc.option(fc.string()),
      ip: fc.option(fc.string()),
    });
    fc.assert(
      fc.property(entry, fc.string({ minLength: 1 }), (e, extra) => {
        const h = entryHash(GENESIS_HASH, e);
        expect(h).toMatch(/^[0-9a-f]{64}$/);
        expect(entryHash(GENESIS_HASH, { ...e, action: e.action + extra })).not.toBe(h);
        expect(entryHash('f'.repeat(64), e)).not.toBe(h);
      }),
    );
  });
});

describe('secrets at rest', () => {
  it('decrypt(encrypt(x)) = x; tampering is detected', () => {
    const key = deriveKeys('a-master-secret-for-property-tests-123456').totp;
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const sealed = encrypt(key, s);
        expect(decrypt(key, sealed)).toBe(s);
        const parts = sealed.split('.');
        const body = Buffer.from(parts[2] ?? '', 'base64url');
        if (body.length > 0) {
          body[0] = (body[0] ?? 0) ^ 1;
          parts[2] = body.toString('base64url');
          expect(() => decrypt(key, parts.join('.'))).toThrow();
        }
      }),
    );
  });
  it('garbage never decrypts', () => {
    const key = deriveKeys('a-master-secret-for-property-tests-123456').totp;
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(() => decrypt(key, s)).toThrow();
      }),
    );
  });
});

describe('TOTP', () => {
  it('accepts the current code once and rejects other input without throwing', () => {
    const secret = newTotpSecret();
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
        fc.string(),
        (at, junk) => {
          const counter = matchTotp(secret, totpCodeAt(secret, at), at, null);
          expect(counter).not.toBeNull();
          expect(matchTotp(secret, totpCodeAt(secret, at), at, counter)).toBeNull();
          const r = matchTotp(secret, junk, at, null);
          if (!/^\d{6}$/.test(junk.replace(/\s+/g, ''))) expect(r).toBeNull();
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('Accept-Language', () => {
  it('is always vi or en', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ unit: 'binary' }), { nil: undefined }), (h) => {
        expect(['vi', 'en']).toContain(localeFrom(h));
      }),
    );
  });
});

describe('constituency data files', () => {
  it('mutated files give a clear error or a valid result, never a crash', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'canhgac-seed-'));
    const original = await fs.readFile(path.join(import.meta.dirname, '../../seed/demo-quang-nam-2022.json'), 'utf8');
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: original.length - 1 }),
          fc.nat({ max: 50 }),
          fc.string(),
          async (at, cut, insert) => {
            const mutated = original.slice(0, at) + insert + original.slice(at + cut);
            const file = path.join(dir, 'm.json');
            await fs.writeFile(file, mutated);
            try {
              const parsed = await readConstituencyFile(file);
              expect(parsed.organisations.length).toBeGreaterThan(0);
            } catch (err) {
              expect((err as Error).message).toMatch(/constituency file/);
            }
          },
        ),
        { numRuns: 100 },
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
  it('the demo file itself is valid', async () => {
    const parsed = await readConstituencyFile(path.join(import.meta.dirname, '../../seed/demo-quang-nam-2022.json'));
    expect(parsed.organisations.filter((o) => o.kind === 'locality')).toHaveLength(18);
    expect(parsed.users.flatMap((u) => u.roles)).toEqual(
      expect.arrayContaining(['coordinator', 'responder', 'member-lead', 'member', 'partner', 'viewer']),
    );
  });
});
