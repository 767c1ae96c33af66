import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import { type Playbook, playbookSchema } from './playbook-schema.ts';

export const PLAYBOOK_DIR = fileURLToPath(new URL('../../../../seed/playbooks/', import.meta.url));

const invalid = (file: string, detail: string) => new AppError(400, 'playbook_invalid', { file, detail });

/** Parses and validates one playbook file's text; every failure is an AppError naming the file. */
export function parsePlaybook(text: string, file: string): Playbook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw invalid(file, 'not valid JSON');
  }
  const result = playbookSchema.safeParse(raw);
  if (!result.success) throw invalid(file, z.prettifyError(result.error).slice(0, 2000));
  return result.data;
}

/** Reads every `*.json` playbook in a directory; the file name must be the playbook id, so ids are unique. */
export async function loadPlaybooks(dir: string = PLAYBOOK_DIR): Promise<Playbook[]> {
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const playbooks: Playbook[] = [];
  for (const name of names) {
    const playbook = parsePlaybook(await fs.readFile(path.join(dir, name), 'utf8'), name);
    if (`${playbook.id}.json` !== name) throw invalid(name, `file name must be ${playbook.id}.json`);
    playbooks.push(playbook);
  }
  return playbooks;
}
