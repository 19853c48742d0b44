/**
 * Swedish-aware text normalisation for occupation titles. Pure: no I/O.
 *
 * - `normaliseTitle`: NFC, Swedish lower case, every run of characters that are neither letters nor digits
 *   (hyphens, commas, slashes, dots, parentheses, &) becomes one space. Å, ä, ö (and é, ü …) are letters and stay:
 *   in Swedish they are letters of their own, so "lakare" is not "läkare". Idempotent.
 * - `titleTokens`: the normalised words minus filler words ("och", "m.fl.", "övriga"), each rewritten by
 *   {@link WORD_ALIASES} and reduced by {@link stemToken}, so "Undersköterskor" and "undersköterska" give the same
 *   token and "Lastbilschaufför" the same as "lastbilsförare".
 */

/** Words that carry no occupation meaning in titles and SSYK labels ("Lastbilsförare m.fl."). */
const FILLER_WORDS = new Set([
  'och',
  'eller',
  'samt',
  'i',
  'inom',
  'av',
  'för',
  'med',
  'på',
  'till',
  'vid',
  'm',
  'fl',
  'mfl',
  'övriga',
  'övrig',
  'övrigt',
  'the',
  'and',
  'of',
]);

/**
 * Colloquial or older word parts that the JobTech Taxonomy does not list, rewritten to the taxonomy's word. Ours,
 * not JobTech's: kept short and documented here. `suffix: true` also rewrites the end of a compound
 * ("lastbilschaufför" → "lastbilsförare"); otherwise only the whole word ("usk").
 */
export const WORD_ALIASES: ReadonlyArray<{ from: string; to: string; suffix: boolean }> = [
  { from: 'chaufför', to: 'förare', suffix: true },
  { from: 'chaufförer', to: 'förare', suffix: true },
  { from: 'sjuksyster', to: 'sjuksköterska', suffix: true },
  { from: 'sjuksystrar', to: 'sjuksköterska', suffix: true },
  { from: 'ssk', to: 'sjuksköterska', suffix: false },
  { from: 'usk', to: 'undersköterska', suffix: false },
  { from: 'lokalvårdare', to: 'städare', suffix: false },
  { from: 'programmerare', to: 'systemutvecklare', suffix: false },
];

/** Case, Unicode form, punctuation and whitespace folded; letters (å ä ö included) and digits kept. Idempotent. */
export function normaliseTitle(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('sv-SE')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Inflection endings removed (one, longest first) from words of at least 5 letters; what is left has ≥ 4. */
const ENDINGS = ['orna', 'arna', 'erna', 'or', 'ar', 'er', 'a', 'e'];

/**
 * A light Swedish stemmer for titles: plural and adjective endings go, so "sköterskor"/"sköterska",
 * "chefer"/"chef", "kockar"/"kock", "grundutbildade"/"grundutbildad" meet. Applied to both sides of a comparison
 * it only has to be consistent, not linguistically right.
 */
export function stemToken(token: string): string {
  if (token.length < 5 || /\d/.test(token)) return token;
  for (const ending of ENDINGS) {
    if (token.endsWith(ending) && token.length - ending.length >= 4) return token.slice(0, -ending.length);
  }
  return token;
}

function applyAlias(word: string): string {
  for (const alias of WORD_ALIASES) {
    if (word === alias.from) return alias.to;
    if (alias.suffix && word.endsWith(alias.from)) return word.slice(0, -alias.from.length) + alias.to;
  }
  return word;
}

/** Normalised, filler-free, alias-rewritten and stemmed words of a title, in order. */
export function titleTokens(text: string): string[] {
  return normaliseTitle(text)
    .split(' ')
    .filter((w) => w !== '' && !FILLER_WORDS.has(w))
    .map((w) => stemToken(applyAlias(w)));
}
