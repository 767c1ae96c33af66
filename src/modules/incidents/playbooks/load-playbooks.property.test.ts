import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { message } from '../../../platform/messages.ts';
import { loadPlaybooks, parsePlaybook } from './load-playbooks.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

const seeded = (await loadPlaybooks()).map((p) => JSON.parse(JSON.stringify(p)) as Json);
const REQUIRED_KEYS = new Set(['id', 'incidentTypes', 'title', 'summary', 'tasks', 'key', 'phase', 'description']);

function walk(node: Json, at: Path, visit: (node: Json, at: Path) => void): void {
  visit(node, at);
  if (node === null || typeof node !== 'object') return;
  for (const [k, child] of Object.entries(node)) walk(child, [...at, k], visit);
}

function nodesOf(doc: Json, keep: (node: Json, at: Path) => boolean): Path[] {
  const found: Path[] = [];
  walk(doc, [], (node, at) => {
    if (keep(node, at)) found.push(at);
  });
  return found;
}

function parentAt(doc: Json, at: Path): Record<string | number, Json> {
  let node = doc;
  for (const step of at.slice(0, -1)) node = (node as Record<string | number, Json>)[step] as Json;
  return node as Record<string | number, Json>;
}

const isObject = (n: Json) => n !== null && typeof n === 'object' && !Array.isArray(n);
const nonString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant<Json>([]), fc.constant<Json>({}));
const blank = fc.constantFrom('', ' ', '\t\n', '\u00a0');

/** A change that must always make a valid playbook invalid, applied to a deep copy. */
const breakingMutation = fc.oneof(
  fc.record({
    kind: fc.constant('extra-key' as const),
    pick: fc.nat(),
    key: fc.oneof(fc.string({ minLength: 1 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'vi ', 'Key')),
  }),
  fc.record({ kind: fc.constant('retype-string' as const), pick: fc.nat(), value: nonString }),
  fc.record({ kind: fc.constant('blank-string' as const), pick: fc.nat(), value: blank }),
  fc.record({ kind: fc.constant('drop-required' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), pick: fc.nat() }),
);
type Mutation = typeof breakingMutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(original: Json, m: Mutation): string {
  const doc = structuredClone(original);
  const text = JSON.stringify(doc);
  if (m.kind === 'truncate') return text.slice(0, m.pick % text.length);
  if (m.kind === 'extra-key') {
    const objects = nodesOf(doc, isObject);
    const at = objects[m.pick % objects.length] ?? [];
    const target = (at.length === 0 ? doc : parentAt(doc, at)[at.at(-1) as string]) as Record<string, Json>;
    // Every object in a playbook is strict: any key it does not declare is refused.
    const key = Object.hasOwn(target, m.key) ? `${m.key}\u0000` : m.key;
    Object.defineProperty(target, key, { value: 1, enumerable: true, configurable: true, writable: true });
    return JSON.stringify(doc);
  }
  if (m.kind === 'drop-required') {
    const keys = nodesOf(
      doc,
      (_, at) => REQUIRED_KEYS.has(String(at.at(-1))) || ['vi', 'en'].includes(String(at.at(-1))),
    );
    const at = keys[m.pick % keys.length] ?? [];
    delete parentAt(doc, at)[at.at(-1) as string];
    return JSON.stringify(doc);
  }
  const strings = nodesOf(doc, (n) => typeof n === 'string');
  const at = strings[m.pick % strings.length] ?? [];
  parentAt(doc, at)[at.at(-1) as string | number] = m.value;
  return JSON.stringify(doc);
}

function expectCleanRefusal(text: string): void {
  let error: unknown;
  try {
    parsePlaybook(text, 'fuzz.json');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AppError);
  const { status, code, params } = error as AppError;
  expect(status).toBe(400);
  expect(code).toBe('playbook_invalid');
  for (const locale of ['vi', 'en'] as const) {
    const shown = message(code, locale, params);
    expect(shown).toContain('fuzz.json');
    expect(shown).not.toMatch(/\{(file|detail)\}|\n\s+at /);
  }
}

describe('playbook loader (property)', () => {
  it('accepts every seeded playbook unchanged', () => {
    for (const p of seeded) expect(() => parsePlaybook(JSON.stringify(p), 'seed.json')).not.toThrow();
  });

  it('refuses random text and random JSON with a clean error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
        ),
        (text) => expectCleanRefusal(text),
      ),
      { numRuns: 300 },
    );
  });

  it('refuses any breaking mutation of a seeded playbook with a clean error', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeded), breakingMutation, (p, m) => expectCleanRefusal(mutate(p, m))),
      { numRuns: 500 },
    );
  });
});
