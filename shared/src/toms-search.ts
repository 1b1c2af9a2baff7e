/**
 * Finding TOMs measures by the words people use. The measures are written in procurement
 * language ("NEETs", "apprenticeships", "MSMEs"); a charity looking for what its youth club
 * can evidence types "youth". The server's `GET /api/toms/measures?q=` and the measure picker
 * both search with this, so that they find the same measures.
 */

/** What a search reads of a measure. */
export interface SearchableMeasure {
  code: string;
  theme: string;
  measure: string;
  unit: string;
}

/**
 * Plain words and the words the National TOMs use for the same thing. Each entry's words are
 * searched as well as the word typed; word stems are compared, so "apprentices" finds
 * "apprenticeships" without an entry here.
 */
const RELATED_WORDS: Record<string, readonly string[]> = {
  youth: ['young', 'neet', 'school', 'college', 'apprenticeship', 'training', 'internship'],
  young: ['youth', 'neet', 'school', 'college', 'apprenticeship', 'internship'],
  teenager: ['young', 'neet', 'school', 'college'],
  child: ['school', 'young'],
  student: ['school', 'college', 'training', 'placement', 'internship'],
  education: ['school', 'college', 'training', 'literacy', 'neet'],
  skill: ['training', 'apprenticeship', 'employment', 'career'],
  job: ['employment', 'employee', 'hired', 'recruitment', 'work'],
  work: ['employment', 'employee', 'placement', 'job'],
  employ: ['job', 'hired', 'recruitment'],
  unemploy: ['long term unemployed', 'neet', 'recruitment'],
  career: ['school', 'college', 'apprenticeship'],
  offender: ['ex offender', 'rehabilitating'],
  reoffend: ['ex offender', 'rehabilitating'],
  prison: ['ex offender', 'rehabilitating'],
  disability: ['disabled'],
  mental: ['wellbeing'],
  health: ['wellbeing', 'healthier'],
  wellbeing: ['health'],
  volunteer: ['volunteering', 'community'],
  charity: ['vcse', 'community', 'donation'],
  voluntary: ['vcse', 'volunteering', 'community'],
  community: ['vcse', 'local community'],
  donate: ['donation', 'in kind'],
  money: ['donation', 'spent', '£'],
  business: ['msme', 'vcse', 'supply chain'],
  sme: ['msme', 'small'],
  carbon: ['net zero', 'emission', 'green transport', 'car miles'],
  climate: ['net zero', 'carbon', 'emission', 'environmental'],
  emission: ['carbon', 'net zero'],
  green: ['environment', 'environmental', 'biodiversity', 'green transport'],
  environment: ['environmental', 'biodiversity', 'carbon', 'recycling'],
  nature: ['biodiversity', 'environmental', 'ecosystem'],
  travel: ['transport', 'car miles', 'cycle'],
  cycling: ['cycle', 'green transport'],
  waste: ['recycling', 'plastic'],
  recycle: ['recycling', 'plastic'],
};

// Words that say nothing about a measure: "support for young people" is about young people.
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'for',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
  'people',
  'support',
]);

/** Lower case, accents and punctuation gone: "Ex-offenders" reads "ex offenders". */
function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9£]+/g, ' ')
    .trim();
}

/**
 * A rough English stem, enough to make plurals and common endings meet: "apprentices" and
 * "apprenticeships" both begin "apprentic", "volunteering" is "volunteer".
 */
export function stem(word: string): string {
  if (word.length <= 4) return word.replace(/s$/, '');
  for (const ending of ['ships', 'ship', 'ities', 'ity', 'ing', 'ies', 'es', 'ed', 's', 'e']) {
    if (word.endsWith(ending) && word.length - ending.length >= 4) {
      return word.slice(0, -ending.length);
    }
  }
  return word;
}

const stems = (text: string) => normalise(text).split(' ').filter(Boolean).map(stem);

/** Do the words of `phrase` appear, in order, each starting a word of `words`? */
function hasPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  for (let start = 0; start + phrase.length <= words.length; start += 1) {
    if (phrase.every((part, i) => words[start + i]!.startsWith(part))) return true;
  }
  return false;
}

/** The stems a typed word is looked for as: its own, and those of its related words. */
function alternatives(word: string): string[][] {
  const own = stem(word);
  const related = Object.entries(RELATED_WORDS)
    .filter(([key]) => own.startsWith(stem(key)) || stem(key).startsWith(own))
    .flatMap(([, words]) => words);
  return [[own], ...related.map(stems)];
}

/**
 * How well a measure answers a search, or 0 when it does not: every word typed (or a word
 * related to it) must start a word of the measure's code, text, theme or unit. A code typed
 * whole ranks first, then measures whose own text has the words, then those matched only by
 * related words or their theme.
 */
export function measureScore(measure: SearchableMeasure, query: string): number {
  const words = normalise(query)
    .split(' ')
    .filter((word) => word && !STOP_WORDS.has(word));
  if (words.length === 0) return 1;
  const code = normalise(measure.code);
  if (code === normalise(query) || code.split(' ').includes(normalise(query))) return 100;
  const text = stems(`${measure.code} ${measure.measure} ${measure.unit}`);
  const theme = stems(measure.theme);
  let score = 0;
  for (const word of words) {
    const [own, ...related] = alternatives(word);
    if (hasPhrase(text, own!)) score += 3;
    else if (hasPhrase(theme, own!)) score += 2;
    else if (related.some((phrase) => hasPhrase(text, phrase) || hasPhrase(theme, phrase)))
      score += 1;
    else return 0;
  }
  return score;
}

/**
 * The measures a search finds, best first (ties in their given order); all of them, in their
 * order, for an empty search.
 */
export function searchMeasures<M extends SearchableMeasure>(
  measures: readonly M[],
  query: string,
): M[] {
  return measures
    .map((measure, index) => ({ measure, index, score: measureScore(measure, query) }))
    .filter((scored) => scored.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((scored) => scored.measure);
}
