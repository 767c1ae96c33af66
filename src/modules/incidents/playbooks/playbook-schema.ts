import { z } from 'zod';

/** Response phases a playbook task belongs to (TT 20 Điều 11 / QĐ 05 Điều 14, NIST-style names). */
export const PLAYBOOK_PHASES = [
  'detection-analysis',
  'notification',
  'containment',
  'eradication',
  'recovery',
  'post-incident',
] as const;
export type PlaybookPhase = (typeof PLAYBOOK_PHASES)[number];

/**
 * Whom a notification task is addressed to, as roles: the actual agencies are configuration with
 * validity dates, because the 2025 reorganisation moved them (domain notes §5).
 */
export const NOTIFY_RECIPIENTS = [
  'system-owner',
  'system-operator',
  'provincial-csirt',
  'national-coordinator',
  'police',
  'steering-committee',
  'personal-data-authority',
  'data-subjects',
  'isp',
] as const;
export type NotifyRecipient = (typeof NOTIFY_RECIPIENTS)[number];

// Only fixed-length units: a due time relative to the incident must not depend on the calendar.
const DURATION = /^P(?:(\d{1,4})W|(?:(\d{1,4})D)?(?:T(?:(\d{1,4})H)?(?:(\d{1,4})M)?)?)$/;

/** Milliseconds of an ISO 8601 duration made of weeks, or days/hours/minutes; null if not one. */
export function parseDueDuration(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const [, weeks, days, hours, minutes] = m.map((x) => (x === undefined ? 0 : Number(x)));
  const ms = ((((weeks ?? 0) * 7 + (days ?? 0)) * 24 + (hours ?? 0)) * 60 + (minutes ?? 0)) * 60_000;
  return ms > 0 ? ms : null;
}

const text = z.string().trim().min(1).max(8000);
const localised = z.strictObject({ vi: text, en: text });

const task = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/),
  phase: z.enum(PLAYBOOK_PHASES),
  title: localised,
  description: localised,
  checklist: z.array(localised).min(1).max(50).optional(),
  requiresEvidence: z.literal(true).optional(),
  notify: z.array(z.enum(NOTIFY_RECIPIENTS)).min(1).optional(),
  due: z
    .string()
    .refine((d) => parseDueDuration(d) !== null, 'expected an ISO 8601 duration in weeks, days, hours, minutes')
    .optional(),
});

export const playbookSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/),
    incidentTypes: z
      .array(z.string().regex(/^[a-z][a-z0-9-]{1,62}$/))
      .min(1)
      .refine((t) => new Set(t).size === t.length, 'duplicate incident type'),
    title: localised,
    summary: localised,
    tasks: z.array(task).min(8).max(100),
  })
  .superRefine((p, ctx) => {
    const keys = new Set<string>();
    p.tasks.forEach((t, i) => {
      if (keys.has(t.key)) ctx.addIssue({ code: 'custom', path: ['tasks', i, 'key'], message: `duplicate ${t.key}` });
      keys.add(t.key);
      if (t.phase === 'notification' && !t.notify)
        ctx.addIssue({ code: 'custom', path: ['tasks', i, 'notify'], message: 'a notification task names whom' });
    });
    if (!p.tasks.some((t) => t.phase === 'notification'))
      ctx.addIssue({ code: 'custom', path: ['tasks'], message: 'needs at least one notification task' });
    if (!p.tasks.some((t) => t.requiresEvidence))
      ctx.addIssue({ code: 'custom', path: ['tasks'], message: 'needs at least one task that requires evidence' });
  });

export type Playbook = z.infer<typeof playbookSchema>;
export type PlaybookTask = Playbook['tasks'][number];
