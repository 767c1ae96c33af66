import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OBSERVABLE_TYPES } from '../../shared/vocabulary.ts';
import { applyMapping, applyWazuh, type MappedObservableType, parsePath, type SiemMapping } from './index.ts';

const key = fc.oneof(
  fc.constantFrom('rule', 'level', 'id', 'data', 'src', '0', 'a.b', ''),
  fc.string({ maxLength: 6 }),
);
/** paths: often well-formed over the generated keys, sometimes any text */
const path = fc.oneof(
  fc
    .array(
      fc.oneof(
        key.map((k) => ({ k })),
        fc.nat(3).map((i) => ({ i })),
        fc.constant({ all: true }),
      ),
      {
        minLength: 1,
        maxLength: 5,
      },
    )
    .map((segs) =>
      segs
        .map((s, n) => {
          if ('all' in s) return '[*]';
          if ('i' in s) return `[${s.i}]`;
          return /^[A-Za-z0-9_]+$/.test(s.k) ? `${n === 0 ? '' : '.'}${s.k}` : `["${s.k.replaceAll('"', '')}"]`;
        })
        .join(''),
    ),
  fc.string({ maxLength: 20 }),
);
const types = fc.constantFrom<MappedObservableType>(...OBSERVABLE_TYPES, 'ip', 'hash');
const mapping: fc.Arbitrary<SiemMapping> = fc.record({
  externalId: fc.option(path),
  title: path,
  description: fc.option(path),
  level: fc.option(path),
  levelNames: fc.option(fc.dictionary(fc.string({ maxLength: 5 }), fc.integer())).map((x) => x ?? undefined),
  detectedAt: fc.option(path),
  observables: fc.array(fc.record({ path, type: types, group: fc.boolean() }), { maxLength: 4 }),
});
const leaf = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('203.0.113.9', '2026-11-24T01:02:03Z', 'evil.example', '9e107d9d372bb6826bd81d3542a419d6'),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
})).value;

describe('mapping engine properties', () => {
  it('any JSON through any mapping: a result or a clean list of problems, never a throw', () => {
    fc.assert(
      fc.property(json, mapping, (alert, m) => {
        const r = applyMapping(alert, m);
        if (r.ok) {
          expect(r.alert.title.length).toBeGreaterThan(0);
          expect(r.alert.title.length).toBeLessThanOrEqual(500);
          if (r.alert.level !== null) expect(Number.isFinite(r.alert.level)).toBe(true);
          if (r.alert.detectedAt) expect(Number.isNaN(r.alert.detectedAt.getTime())).toBe(false);
          for (const o of r.alert.observables) expect(OBSERVABLE_TYPES).toContain(o.type);
        } else {
          expect(r.problems.length).toBeGreaterThan(0);
          for (const p of r.problems) if (p.reason === 'path_invalid') expect(parsePath(p.path)).toBeUndefined();
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a value placed at a generated path is found there', () => {
    const simpleKey = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/);
    fc.assert(
      fc.property(
        fc.array(simpleKey, { minLength: 1, maxLength: 5 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (keys, title) => {
          fc.pre(title.trim() !== '');
          const alert: Record<string, unknown> = {};
          let o = alert;
          keys.forEach((k, i) => {
            if (i === keys.length - 1) o[k] = title;
            else {
              const child: Record<string, unknown> = {};
              o[k] = child;
              o = child;
            }
          });
          const r = applyMapping(alert, { title: keys.join('.'), observables: [] });
          expect(r.ok && r.alert.title).toBe(title.replace(/\s+/g, ' ').trim());
        },
      ),
    );
  });

  it('Wazuh mapping on any JSON never throws', () => {
    fc.assert(
      fc.property(json, (alert) => {
        const r = applyWazuh(alert);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});
