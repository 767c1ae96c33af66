import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../config.ts';
import { leadingZeroBits, powDigest, searchNonce } from '../../../shared/pow.ts';
import { challengeKey, issueChallenge, verifyChallenge } from './challenge.ts';
import { formatTrackingCode, newTrackingCode, parseTrackingCode } from './tracking-code.ts';

const key = challengeKey(Buffer.alloc(32, 7));
const now = new Date('2026-03-01T02:00:00Z');
const address = '203.0.113.5';
const opts = { now, address, minBits: 6 };

function solved(bits = 6) {
  const c = issueChallenge(key, { bits, now, address });
  return { token: c.token, nonce: searchNonce(c.salt, bits, 0, 1 << 22) ?? '' };
}

describe('proof-of-work challenge verifier', () => {
  it('accepts what it issued once solved', () => {
    const { token, nonce } = solved();
    expect(verifyChallenge(key, token, nonce, opts)).toMatchObject({ ok: true });
  });

  it('answers any input with a refusal, never a crash', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (token, nonce) => {
        const r = verifyChallenge(key, token, nonce, opts);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every mutation of a solved token', () => {
    const { token, nonce } = solved();
    fc.assert(
      fc.property(
        fc.nat(token.length - 1),
        fc.constantFrom(...'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.'),
        (at, ch) => {
          fc.pre(token[at] !== ch);
          const mutated = token.slice(0, at) + ch + token.slice(at + 1);
          const r = verifyChallenge(key, mutated, nonce, opts);
          expect(r.ok).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses a token whose signature differs only in spare base64 bits', () => {
    const { token, nonce } = solved();
    const last = token.at(-1) ?? 'A';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sibling = alphabet[alphabet.indexOf(last) ^ 1] ?? 'A';
    expect(verifyChallenge(key, token.slice(0, -1) + sibling, nonce, opts).ok).toBe(false);
  });

  it('refuses nonces that do not meet the difficulty, and another key or address', () => {
    const c = issueChallenge(key, { bits: 12, now, address });
    fc.assert(
      fc.property(fc.nat(10_000_000), (n) => {
        const enough =
          leadingZeroBits(
            createHash('sha256')
              .update(c.salt + n)
              .digest(),
          ) >= 12;
        expect(verifyChallenge(key, c.token, String(n), { ...opts, minBits: 12 }).ok).toBe(enough);
      }),
      { numRuns: 300 },
    );
    const { token, nonce } = solved();
    expect(verifyChallenge(challengeKey(Buffer.alloc(32, 8)), token, nonce, opts)).toEqual({
      ok: false,
      reason: 'signature',
    });
    expect(verifyChallenge(key, token, nonce, { ...opts, address: '203.0.113.6' })).toEqual({
      ok: false,
      reason: 'address',
    });
    expect(verifyChallenge(key, token, nonce, { ...opts, now: new Date(now.getTime() + 3_600_001) })).toEqual({
      ok: false,
      reason: 'expired',
    });
  });
});

describe('the browser’s SHA-256', () => {
  it('equals node:crypto for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const hex = Buffer.from(powDigest(bytes)).toString('hex');
        expect(hex).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('finds the first nonce that node:crypto agrees on', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\w-]{1,40}$/), fc.integer({ min: 1, max: 10 }), (salt, bits) => {
        const nonce = searchNonce(salt, bits, 0, 1 << 20);
        expect(nonce).not.toBeNull();
        const ok = (n: number) =>
          leadingZeroBits(
            createHash('sha256')
              .update(salt + n)
              .digest(),
          ) >= bits;
        expect(ok(Number(nonce))).toBe(true);
        for (let n = 0; n < Number(nonce); n++) expect(ok(n)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

describe('tracking codes', () => {
  it('survive formatting and loose retyping; anything else is refused cleanly', () => {
    fc.assert(
      fc.property(fc.constant(null), () => {
        const code = newTrackingCode();
        expect(parseTrackingCode(formatTrackingCode(code))).toBe(code);
        expect(parseTrackingCode(` ${formatTrackingCode(code).toLowerCase().replace(/-/g, ' ')} `)).toBe(code);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (typed) => {
        const parsed = parseTrackingCode(typed);
        if (parsed !== null) expect(parsed).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
      }),
    );
  });
});

describe('public form configuration', () => {
  it('defaults to about a million hashes and ten reports an hour; refuses impossible values', () => {
    expect(loadConfig({}).publicIntake).toEqual({ powBits: 19, reportsPerHour: 10 });
    expect(loadConfig({ CANHGAC_PUBLIC_POW_BITS: '12', CANHGAC_PUBLIC_REPORTS_PER_HOUR: '50' }).publicIntake).toEqual({
      powBits: 12,
      reportsPerHour: 50,
    });
    expect(() => loadConfig({ CANHGAC_PUBLIC_POW_BITS: '40' })).toThrow(ConfigError);
    expect(() => loadConfig({ CANHGAC_PUBLIC_REPORTS_PER_HOUR: '0' })).toThrow(/CANHGAC_PUBLIC_REPORTS_PER_HOUR/);
  });
});
