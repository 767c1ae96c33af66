import { inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable } from '../../../db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { incidentTypes } from '../tables.ts';
import { type Playbook, playbookSchema } from './playbook-schema.ts';

/** A playbook from an editor: schema-valid, and naming only incident types that exist. Clear 400 otherwise. */
export async function validatePlaybook(q: Queryable, raw: unknown): Promise<Playbook> {
  const parsed = playbookSchema.safeParse(raw);
  if (!parsed.success) throw new AppError(400, 'playbook_body_invalid', { detail: describeIssues(parsed.error) });
  const codes = parsed.data.incidentTypes;
  const known = await q
    .select({ code: incidentTypes.code })
    .from(incidentTypes)
    .where(inArray(incidentTypes.code, codes));
  const missing = codes.find((c) => !known.some((k) => k.code === c));
  if (missing) throw new AppError(400, 'playbook_type_unknown', { code: missing });
  return parsed.data;
}

/** The first few issues as "path: message", short enough for a message box. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ')
    .slice(0, 1500);
}
