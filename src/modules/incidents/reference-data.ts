import type pg from 'pg';
import { loadPlaybooks } from './playbooks/load-playbooks.ts';
import { readIncidentTypesFile } from './types/load.ts';

/**
 * Loads the shipped incident types and playbooks into their tables. Only codes not there yet are
 * added: an administrator's edits (names, deactivation, playbook changes) are never overwritten.
 * Safe to run from several processes at once (ON CONFLICT DO NOTHING).
 */
export async function seedReferenceData(pool: pg.Pool): Promise<void> {
  const types = await readIncidentTypesFile();
  const playbooks = await loadPlaybooks();
  await pool.query(
    `INSERT INTO incident_types (code, name_vi, name_en, description_vi, description_en, rsit_class, rsit_type, position)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(code text, name_vi text, name_en text, description_vi text,
       description_en text, rsit_class text, rsit_type text, position int)
     ON CONFLICT (code) DO NOTHING`,
    [
      JSON.stringify(
        types.types.map((t, i) => ({
          code: t.code,
          name_vi: t.nameVi,
          name_en: t.nameEn,
          description_vi: t.descriptionVi,
          description_en: t.descriptionEn,
          rsit_class: t.rsit.class,
          rsit_type: t.rsit.type,
          position: i,
        })),
      ),
    ],
  );
  await pool.query(
    `INSERT INTO playbooks (code, body)
     SELECT p->>'id', p FROM jsonb_array_elements($1::jsonb) AS p
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(playbooks)],
  );
}
