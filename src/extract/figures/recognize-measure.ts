/**
 * Measures: a number with a physical or time unit ("120 500 km²", "66 ans", "10 years"), and a
 * number with only a scale word ("Population : 25,3 millions"), whose unit the page leaves to
 * its label.
 *
 * Units are normalised (km2 → km², ans/Jahre → years) so that a page that switches spelling
 * between revisions does not look like a changed unit.
 */
import { makeCandidate, type Candidate } from './candidate.ts';
import { memoizeByLanguage } from './memoize.ts';
import { numberPattern, readNumber, scaleNumber, type Notation } from './read-number.ts';
import { pickLanguage, SCALE_WORDS } from '../../model/figure-vocabulary.ts';
import { escapeRegExp } from '../../text/word-alternation.ts';

/** Printed unit → normalised unit. Matched case-sensitively for symbols, case-insensitively for words. */
const UNITS: Array<[string, string]> = [
  ['km²', 'km²'], ['km2', 'km²'], ['square kilometres', 'km²'], ['square kilometers', 'km²'], ['sq km', 'km²'],
  ['kilomètres carrés', 'km²'], ['Quadratkilometer', 'km²'], ['Quadratkilometern', 'km²'],
  ['square metres', 'm²'], ['square meters', 'm²'], ['mètres carrés', 'm²'], ['Quadratmeter', 'm²'], ['Quadratmetern', 'm²'], ['m²', 'm²'], ['m2', 'm²'], ['m³', 'm³'], ['km', 'km'],
  ['ha', 'ha'], ['hectares', 'ha'], ['hectare', 'ha'], ['Hektar', 'ha'], ['kg', 'kg'],
  ['tonnes', 't'], ['tonne', 't'], ['tons', 't'], ['Tonnen', 't'], ['t', 't'], ['MW', 'MW'],
  ['GW', 'GW'], ['kW', 'kW'], ['TWh', 'TWh'], ['GWh', 'GWh'], ['MWh', 'MWh'], ['kWh', 'kWh'],
  ['°C', '°C'], ['inhabitants', 'inhabitants'], ['habitants', 'inhabitants'],
  ['Einwohner', 'inhabitants'], ['Einwohnern', 'inhabitants'],
  ['years', 'years'], ['year', 'years'], ['ans', 'years'], ['an', 'years'], ['années', 'years'],
  ['Jahre', 'years'], ['Jahren', 'years'], ['Jahr', 'years'],
  ['months', 'months'], ['mois', 'months'], ['Monate', 'months'], ['Monaten', 'months'],
  ['weeks', 'weeks'], ['semaines', 'weeks'], ['Wochen', 'weeks'],
  ['days', 'days'], ['jours', 'days'], ['Tage', 'days'], ['Tagen', 'days'],
  ['hours', 'hours'], ['heures', 'hours'], ['Stunden', 'hours'],
];


const EXACT_UNITS = new Map(UNITS);
/** Words (longer than 2 letters) also match in any case: "Hectares", "Jahre". */
const FOLDED_UNITS = new Map(
  [...UNITS].reverse().filter(([p]) => p.length > 2).map(([p, unit]) => [p.toLowerCase(), unit]),
);

/** Normalised unit of a printed one, or null when it is no unit we know. */
export function normalizeUnit(printed: string): string | null {
  const spaced = printed.replace(/\s+/gu, ' ');
  return EXACT_UNITS.get(spaced) ?? FOLDED_UNITS.get(spaced.toLowerCase()) ?? null;
}

/** True when `word` is a unit this recogniser reads (counts must not take it as their noun). */
export function isUnitWord(word: string): boolean {
  return normalizeUnit(word) !== null;
}

const INDEFINITE_BEFORE = /(?<![\p{L}])(?:an?|une?|eine?)[ \u00A0]$/iu;

/** A unit of two words ("square kilometres") may be split by any space the page prints. */
function unitSource(printed: string): string {
  return escapeRegExp(printed).replace(/ /g, '[ \\u00A0]');
}

const measurePattern = memoizeByLanguage((language, notation) => {
  const lang = pickLanguage(language);
  const scales = Object.keys(SCALE_WORDS[lang]).sort((a, b) => b.length - a.length).map(escapeRegExp);
  const units = UNITS.map(([p]) => p).sort((a, b) => b.length - a.length).map(unitSource);
  return new RegExp(
    `(?<num>${numberPattern(language, notation)})(?:[ \\u00A0\\u202F-](?<scale>${scales.join('|')})(?![\\p{L}]))?` +
      `(?:[ \\u00A0\\u202F]?(?:d['’]|de[ \\u00A0])?(?<unit>${units.join('|')})(?![\\p{L}\\d]))?`,
    'giu',
  );
});

/** Finds the measures of one sentence. `bareNumbers` also reads unit-less numbers (label rows). */
export function recognizeMeasure(sentence: string, language: string, bareNumbers = false, notation?: Notation): Candidate[] {
  const lang = pickLanguage(language);
  const pattern = measurePattern(language, notation);
  const found: Candidate[] = [];
  for (const m of sentence.matchAll(pattern)) {
    const groups = m.groups!;
    const number = readNumber(groups.num!, language, notation);
    if (number === null) continue;
    const unit = groups.unit === undefined ? null : normalizeUnit(groups.unit);
    if (unit === null && groups.scale === undefined) {
      // A bare number glued to letters ("153th", "3e") belongs to another recogniser.
      if (!bareNumbers || /^\p{L}/u.test(sentence.slice(m.index + m[0].length))) continue;
    }
    if (groups.unit !== undefined && unit === null) continue;
    // "a 5-million project": a hyphenated scale after an indefinite article qualifies a noun.
    if (unit === null && groups.scale !== undefined && sentence[m.index + groups.num!.length] === '-' && INDEFINITE_BEFORE.test(sentence.slice(Math.max(0, m.index - 6), m.index))) continue;
    const factor = groups.scale === undefined ? 1 : SCALE_WORDS[lang][groups.scale.toLowerCase()] ?? 1;
    const value = scaleNumber(number, factor);
    // Without a unit, give back only the number and its scale ("25,3 millions").
    const end = unit === null ? m.index + m[0].trimEnd().length : m.index + m[0].length;
    const candidate = makeCandidate('measure', value, unit, m.index, end);
    if (unit === null && groups.scale === undefined) candidate.weak = true;
    else if (unit === null && !bareNumbers) candidate.loose = true;
    found.push(candidate);
  }
  return found;
}
