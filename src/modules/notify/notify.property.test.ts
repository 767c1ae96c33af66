import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from './render.ts';
import type { TemplateData } from './tables.ts';
import { TEMPLATES, type TemplateKey } from './templates.ts';
import { signWebhook, verifyWebhook } from './webhook-signature.ts';

const keys = Object.keys(TEMPLATES) as TemplateKey[];
const placeholderNames = [
  ...new Set(
    Object.values(TEMPLATES).flatMap((t) =>
      Object.values(t).flatMap((x) => [...JSON.stringify(x).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '')),
    ),
  ),
];

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "javascript:alert('x')",
    '{{summary}}{{link}}',
    'a\r\nBcc: victim@example.test',
    '\u0000\u0007\u001b[31m',
    '&lt;b&gt;',
  ),
);
const value = fc.oneof(hostile, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const data: fc.Arbitrary<TemplateData> = fc.dictionary(
  fc.oneof(fc.constantFrom(...placeholderNames), fc.string({ maxLength: 12 })),
  value,
);

describe('template rendering (property)', () => {
  it('never throws, never injects markup, keeps subjects to one clean line', () => {
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.constantFrom('vi' as const, 'en' as const), data, (key, locale, d) => {
        const out = renderTemplate(key, locale, d);
        // Only the renderer's own markup remains once its tags are taken out: data added no tag.
        const bare = out.html.replace(/<\/?(p|br|strong|a)( href="[^"<>]*")?>/g, '');
        expect(bare).not.toMatch(/[<>"]/);
        expect(out.html).not.toMatch(/href="(?!https?:\/\/|#")/i);
        expect(out.subject).not.toMatch(/[\r\n\u0000-\u001f]/);
        expect(out.subject.length).toBeLessThanOrEqual(250);
        expect(out.text).not.toMatch(/[\u0000\r]/);
      }),
      { numRuns: 400 },
    );
  });

  it('puts a value in the text exactly as given (one pass: no placeholder inside a value expands)', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/[\u0000-\u0008\u000b-\u001f\u007f\r]/.test(s)),
        (title) => {
          const out = renderTemplate('system.message', 'vi', { title: 'T', body: `${title}{{title}}` });
          expect(out.text).toBe(`${title}{{title}}`);
        },
      ),
    );
  });
});

describe('webhook signature verifier (property)', () => {
  const secret = fc.string({ minLength: 1, maxLength: 64 });
  const now = 1_780_000_000;

  it('accepts what was signed, within the tolerance', () => {
    fc.assert(
      fc.property(secret, fc.string(), fc.integer({ min: -300, max: 300 }), (s, body, skew) => {
        const ts = now + skew;
        expect(verifyWebhook(s, body, { signature: signWebhook(s, ts, body), timestamp: String(ts) }, now)).toBe(true);
      }),
    );
  });

  it('refuses any change to body, timestamp, secret or signature, and never throws', () => {
    fc.assert(
      fc.property(secret, fc.string(), fc.string(), (s, body, other) => {
        const sig = signWebhook(s, now, body);
        const ok = (b: string, sg: string | undefined, ts: string | undefined, sec = s) =>
          verifyWebhook(sec, b, { signature: sg, timestamp: ts }, now);
        if (other !== body) expect(ok(other, sig, String(now))).toBe(false);
        expect(ok(body, sig, String(now + 1))).toBe(false);
        expect(ok(body, sig, String(now), `${s}x`)).toBe(false);
        expect(ok(body, `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`, String(now))).toBe(false);
        expect(ok(body, sig, String(now + 301))).toBe(false);
        expect(ok(body, other, other)).toBe(other === sig && other === String(now));
        expect(ok(body, undefined, String(now))).toBe(false);
      }),
    );
  });
});
