import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, testEnv } from '../../../../test/harness.ts';
import { as } from '../../../../test/http.ts';
import { OBSERVABLE_TYPES, TLP_LEVELS } from '../../../shared/vocabulary.ts';
import { caseworkFixture } from './casework-fixture.ts';
import { parseObservableInput } from './observables/parse-input.ts';

let env: TestEnv;
let f: Awaited<ReturnType<typeof caseworkFixture>>;

beforeAll(async () => {
  env = await testEnv();
  f = await caseworkFixture(env);
});
afterAll(() => env.close());

const anyJson = fc.jsonValue({ maxDepth: 3 });
const observableItem = fc.oneof(
  fc.record({
    type: fc.constantFrom(...OBSERVABLE_TYPES),
    value: fc.oneof(fc.string({ maxLength: 60 }), fc.ipV4(), fc.domain(), fc.webUrl(), fc.emailAddress()),
  }),
  anyJson,
);
const observablesBody = fc.oneof(
  fc.record(
    {
      items: fc.oneof(fc.array(observableItem, { maxLength: 8 }), anyJson),
      text: fc.oneof(fc.string({ maxLength: 300 }), fc.lorem(), anyJson),
      isIoc: fc.oneof(fc.boolean(), anyJson),
      tlp: fc.oneof(fc.constantFrom(...TLP_LEVELS), fc.string({ maxLength: 10 })),
    },
    { requiredKeys: [] },
  ),
  anyJson,
);

describe('casework bodies (property)', () => {
  it('parseObservableInput: every found value normalises to itself; nothing is both found and rejected', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ type: fc.constantFrom(...OBSERVABLE_TYPES), value: fc.string({ maxLength: 40 }) }), {
          maxLength: 10,
        }),
        fc.string({ maxLength: 200 }),
        (items, text) => {
          const r = parseObservableInput({ items, text }, 100);
          expect(r.found.length + r.rejected.length).toBeLessThanOrEqual(items.length + 100 + 1);
          const keys = new Set(r.found.map((o) => `${o.type} ${o.value}`));
          expect(keys.size).toBe(r.found.length);
          const again = parseObservableInput({ items: r.found }, 100);
          expect(again.rejected).toEqual([]);
          expect(again.found).toEqual(r.found);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('POST observables: any body → 200 or a 4xx, never a 5xx', async () => {
    const inc = await f.incident('Thuộc tính dấu hiệu');
    await fc.assert(
      fc.asyncProperty(observablesBody, async (body) => {
        const res = await as(env.app, f.responder)('POST', `/api/incidents/${inc.id}/observables`, body);
        expect(res.statusCode, res.body).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });

  it('POST merge: any body or target → 200 or a 4xx, never a 5xx', async () => {
    const others = [await f.incident('Đích 1'), await f.incident('Đích 2')];
    const target = fc.oneof(
      fc.constantFrom(...others.map((o) => ({ intoId: o.id })), ...others.map((o) => ({ intoNumber: o.number }))),
      fc.record({ intoId: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })) }, { requiredKeys: [] }),
      fc.record({ intoNumber: fc.oneof(fc.string({ maxLength: 50 }), anyJson) }),
      anyJson,
    );
    await fc.assert(
      fc.asyncProperty(target, async (body) => {
        const source = await f.incident('Nguồn thuộc tính');
        const res = await as(env.app, f.responder)('POST', `/api/incidents/${source.id}/merge`, body);
        expect(res.statusCode, res.body).toBeLessThan(500);
      }),
      { numRuns: 40 },
    );
  });
});
