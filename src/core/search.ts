/**
 * Text folding for search: Unicode NFC, Swedish lower case, whitespace collapsed. Diacritics are kept, so
 * "Läkare" matches "läkare" and "LÄKARE" but "lakare" does not match "läkare" (å, ä and ö are letters of
 * their own in Swedish). Done in JavaScript because PostgreSQL's lower() in the C locale (PGlite's default)
 * only folds ASCII.
 */
export function foldSearchText(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('sv-SE').replace(/\s+/g, ' ').trim();
}

/** The folded texts joined into one searchable string (a newline never occurs in a folded query). */
export function searchTextOf(...texts: ReadonlyArray<string | null | undefined>): string {
  return texts
    .filter((t): t is string => typeof t === 'string' && t.trim() !== '')
    .map(foldSearchText)
    .join('\n');
}

/** Swedish collation for names and labels (sorting in code, not ORDER BY). */
export const swedishCollator = new Intl.Collator('sv', { sensitivity: 'variant', numeric: true });
