import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type IncidentTypesFile, incidentTypesFileSchema } from './schema.ts';

/** The shipped list; admins edit the table it is loaded into, not this file. */
export const DEFAULT_INCIDENT_TYPES_FILE = fileURLToPath(
  new URL('../../../../seed/incident-types.json', import.meta.url),
);

export type ParsedIncidentTypes = { ok: true; file: IncidentTypesFile } | { ok: false; error: string };

/** Validates already-decoded JSON; never throws. */
export function parseIncidentTypes(raw: unknown): ParsedIncidentTypes {
  const parsed = incidentTypesFileSchema.safeParse(raw);
  if (parsed.success) return { ok: true, file: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `${issue?.path.join('.')}: ${issue?.message}` };
}

/** Reads and validates an incident-type file (the shipped one by default). */
export async function readIncidentTypesFile(file = DEFAULT_INCIDENT_TYPES_FILE): Promise<IncidentTypesFile> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read incident-type file ${file}: ${(err as Error).message}`);
  }
  const parsed = parseIncidentTypes(raw);
  if (!parsed.ok) throw new Error(`incident-type file ${file}: ${parsed.error}`);
  return parsed.file;
}
