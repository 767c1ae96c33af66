import { type SQL, sql } from 'drizzle-orm';

/**
 * Search without diacritics, the helper every module uses: "so thong tin" finds "Sở Thông tin".
 * `document` must be the same expression as the module's pg_trgm GIN index on
 * canhgac_fold(...) so that the index is used. Ranked by word similarity.
 */
export function foldedSearch(document: SQL, query: string): { where: SQL; rank: SQL } {
  const q = query.trim();
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return {
    where: sql`(canhgac_fold(${document}) LIKE canhgac_fold(${pattern}) OR canhgac_fold(${q}) <% canhgac_fold(${document}))`,
    rank: sql`word_similarity(canhgac_fold(${q}), canhgac_fold(${document}))`,
  };
}

/**
 * Substring search without diacritics and without the fuzzy arm: for big tables (incidents) where the
 * similarity operator costs ~25× a LIKE per row. Same trigram GIN index.
 */
export function foldedContains(document: SQL, query: string): SQL {
  const pattern = `%${query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`canhgac_fold(${document}) LIKE canhgac_fold(${pattern})`;
}
