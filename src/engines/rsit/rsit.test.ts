import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRsitPair, RSIT_CLASSES, RSIT_PAIRS, RSIT_TAXONOMY } from './taxonomy.ts';

describe('RSIT taxonomy constant', () => {
  it('holds the 11 classes and 39 class/type pairs of version 1003, without duplicates', () => {
    expect(RSIT_CLASSES).toHaveLength(11);
    expect(RSIT_PAIRS).toHaveLength(39);
    expect(new Set(RSIT_PAIRS).size).toBe(RSIT_PAIRS.length);
  });

  it('accepts official pairs and rejects made-up or cross-class ones', () => {
    expect(isRsitPair('availability', 'ddos')).toBe(true);
    expect(isRsitPair('information-content-security', 'unauthorised-information-modification')).toBe(true);
    expect(isRsitPair('information-content-security', 'data-leak')).toBe(true);
    expect(isRsitPair('malicious-code', 'ransomware')).toBe(false);
    expect(isRsitPair('availability', 'phishing')).toBe(false);
    expect(isRsitPair('toString', 'ddos')).toBe(false);
    expect(isRsitPair('__proto__', 'constructor')).toBe(false);
  });

  it('property: isRsitPair(c, t) exactly when "c/t" is listed', () => {
    const known = fc.constantFrom(...RSIT_CLASSES.flatMap((c) => [c, ...RSIT_TAXONOMY[c]]));
    const token = fc.oneof(known, fc.string());
    fc.assert(
      fc.property(token, token, (c, t) => {
        expect(isRsitPair(c, t)).toBe(RSIT_PAIRS.includes(`${c}/${t}`));
      }),
    );
  });
});
