import type { Locale } from '../../platform/messages.ts';
import type { TemplateData } from './tables.ts';
import { TEMPLATES, type TemplateKey, type TemplateText } from './templates.ts';

export type Rendered = { subject: string; text: string; html: string };

const SUBJECT_MAX = 250;
const PLACEHOLDER = /\{\{(\w+)\}\}/g;

function dataValue(data: TemplateData, key: string): string {
  if (!Object.hasOwn(data, key)) return '';
  const v = data[key];
  return v === null || v === undefined ? '' : String(v);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fill(template: string, data: TemplateData, transform: (s: string) => string): string {
  return template.replace(PLACEHOLDER, (_, key: string) => transform(dataValue(data, key)));
}

/** One line, no control characters (no header injection), bounded. */
function subjectLine(s: string): string {
  const line = s
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > SUBJECT_MAX ? `${line.slice(0, SUBJECT_MAX - 1)}…` : line;
}

/** NUL and other control characters except tab/newline never reach a mail body. */
function bodyText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

function htmlFromText(text: string): string {
  return escapeHtml(text)
    .split('\n')
    .map((line) => (line === '' ? '<br>' : `<p>${line}</p>`))
    .join('\n');
}

/** Only http(s) links become an href: a `javascript:` value must not turn into a live link. */
function safeHref(s: string): string {
  return /^https?:\/\/[^\s]+$/i.test(s) ? escapeHtml(s) : '#';
}

function fillHtml(template: string, data: TemplateData): string {
  // One pass: a value that contains `{{x}}` is never expanded again.
  return template.replace(/(href=")?\{\{(\w+)\}\}/g, (_, href: string | undefined, key: string) =>
    href ? `href="${safeHref(dataValue(data, key))}` : escapeHtml(bodyText(dataValue(data, key))),
  );
}

/** Renders a template in a language. Data values never become markup: the HTML escapes them. */
export function renderTemplate(key: TemplateKey, locale: Locale, data: TemplateData): Rendered {
  const t: TemplateText = TEMPLATES[key][locale];
  const text = bodyText(fill(t.text, data, (s) => s));
  const html = t.html ? fillHtml(t.html, data) : htmlFromText(text);
  return { subject: subjectLine(fill(t.subject, data, (s) => s)), text, html };
}
