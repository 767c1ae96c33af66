import { z } from 'zod';

export const playbookCodeParams = z.strictObject({ code: z.string().min(1).max(64) });

/** The playbook itself is checked by `playbookSchema` in the command, so its errors read as one clear message. */
export const playbookCreateBody = z.strictObject({ playbook: z.unknown() });
export const playbookReplaceBody = z.strictObject({ playbook: z.unknown(), active: z.boolean().optional() });

const localised = z.object({ vi: z.string(), en: z.string() });

export const playbookSummary = z.object({
  code: z.string(),
  title: localised,
  summary: localised,
  incidentTypes: z.array(z.string()),
  taskCount: z.number(),
  version: z.number(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export const playbookList = z.object({ items: z.array(playbookSummary) });
export const playbookDetail = playbookSummary.extend({ body: z.record(z.string(), z.unknown()) });
