import type pg from 'pg';

/** The content hashes the file records point at, each once, in order (read within the caller's snapshot). */
export async function referencedBlobs(client: pg.ClientBase): Promise<string[]> {
  const r = await client.query<{ sha256: string }>('SELECT DISTINCT sha256 FROM files ORDER BY sha256');
  return r.rows.map((row) => row.sha256);
}
