const DANGEROUS = /^[=+\-@\t\r]/;

/**
 * Spreadsheet programs evaluate a cell starting with = + - @ (and tab/CR tricks) as a formula: such
 * text leaves with a leading apostrophe. The reader removes exactly that apostrophe again, so an
 * exported file imports back unchanged.
 */
export function escapeCell(text: string): string {
  return DANGEROUS.test(text) ? `'${text}` : text;
}

export function unescapeCell(text: string): string {
  return text.startsWith("'") && DANGEROUS.test(text.slice(1)) ? text.slice(1) : text;
}
