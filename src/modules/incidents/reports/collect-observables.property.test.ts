import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OBSERVABLE_TYPES } from '../../../shared/vocabulary.ts';
import { collectReportObservables, MAX_REPORT_OBSERVABLES } from './collect-observables.ts';

const given = fc.array(fc.record({ type: fc.constantFrom(...OBSERVABLE_TYPES), value: fc.string({ maxLength: 60 }) }), {
  maxLength: 30,
});
const text = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc
    .array(fc.constantFrom('10.0.0.1', 'evil[.]example', 'hxxp://a.example/x', 'CVE-2024-3094', ' ', '\n', 'và'), {
      maxLength: 80,
    })
    .map((w) => w.join(' ')),
);

describe('collectReportObservables (property)', () => {
  it('either lists the bad given values and keeps nothing, or keeps distinct values within the cap', () => {
    fc.assert(
      fc.property(text, given, (t, g) => {
        const out = collectReportObservables(t, g);
        if (out.invalid.length > 0) {
          expect(out.items).toEqual([]);
          return;
        }
        expect(out.items.length).toBeLessThanOrEqual(MAX_REPORT_OBSERVABLES);
        const keys = out.items.map((o) => `${o.type} ${o.value}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 400 },
    );
  });

  it('caps at 10,000 and says so', () => {
    const many = Array.from({ length: MAX_REPORT_OBSERVABLES + 5 }, (_, i) => ({
      type: 'ipv4' as const,
      value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    }));
    const out = collectReportObservables('và 192.0.2.1', many);
    expect(out.items).toHaveLength(MAX_REPORT_OBSERVABLES);
    expect(out.truncated).toBe(true);
    expect(collectReportObservables('192.0.2.1', []).truncated).toBe(false);
  });
});
