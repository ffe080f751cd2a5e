/**
 * Money: "€8.2 million", "€300,000", "AUD70.9 billion", "7 millions d’euros",
 * "31.9 Mds $", "9,9 milliards dollars US", "1,16 Mrd. Euro", "5 M€".
 *
 * The value is in units of the currency (8 200 000, not 8.2) and the unit its ISO 4217 code,
 * so that "€8.2 million" and "€820,000" compare as numbers. A minus glued to the number and
 * standing after a space or a parenthesis ("déficit de -983 M EUR") makes it negative: a trade
 * balance going from -983 to -650 is a change of +333, not of a positive amount.
 */
import { makeCandidate, type Candidate } from './candidate.ts';
import { memoizeByLanguage } from './memoize.ts';
import { numberBody, numberPattern, readNumber, scaleNumber, type Notation } from './read-number.ts';
import { pickLanguage, SCALE_WORDS } from '../../model/figure-vocabulary.ts';
import { wordAlternation } from '../../text/word-alternation.ts';

/**
 * Stands for "the publisher's dollar" in the tables below: a bare "$", "dollars", "Dollar" is
 * read as the currency the caller gives (`dollarCurrencyOf` the page's URL; USD without a clue).
 */
const LOCAL = 'LOCAL';

const PREFIX_CURRENCIES: Array<[string, string]> = [
  ['US$', 'USD'], ['U.S.$', 'USD'], ['A$', 'AUD'], ['AU$', 'AUD'], ['C$', 'CAD'], ['CA$', 'CAD'],
  ['NZ$', 'NZD'], ['€', 'EUR'], ['$', LOCAL], ['£', 'GBP'],
  ['AUD', 'AUD'], ['USD', 'USD'], ['CAD', 'CAD'], ['NZD', 'NZD'], ['EUR', 'EUR'], ['GBP', 'GBP'],
  ['CHF', 'CHF'], ['JPY', 'JPY'], ['CNY', 'CNY'], ['KRW', 'KRW'], ['INR', 'INR'],
];

/** Suffix currency words, longest first so "dollars US" wins over "dollars". */
const SUFFIX_CURRENCIES: Array<[string, string, number]> = [
  ['dollars américains', 'USD', 1], ['dollars US', 'USD', 1], ['US dollars', 'USD', 1],
  ['US-Dollar', 'USD', 1], ['US-Dollars', 'USD', 1], ['dollars canadiens', 'CAD', 1],
  ['Canadian dollars', 'CAD', 1], ['kanadische Dollar', 'CAD', 1], ['kanadischen Dollar', 'CAD', 1],
  ['dollars australiens', 'AUD', 1], ['Australian dollars', 'AUD', 1], ['australische Dollar', 'AUD', 1],
  ['australischen Dollar', 'AUD', 1], ['dollars néo-zélandais', 'NZD', 1], ['New Zealand dollars', 'NZD', 1],
  ['Mds€', 'EUR', 1e9], ['Md€', 'EUR', 1e9], ['M€', 'EUR', 1e6], ['k€', 'EUR', 1e3], ['MEUR', 'EUR', 1e6],
  ['euros', 'EUR', 1], ['euro', 'EUR', 1], ['EUR', 'EUR', 1], ['€', 'EUR', 1],
  ['dollars', LOCAL, 1], ['dollar', LOCAL, 1], ['USD', 'USD', 1], ['CAD', 'CAD', 1], ['AUD', 'AUD', 1],
  ['NZD', 'NZD', 1], ['US$', 'USD', 1], ['$', LOCAL, 1],
  ['livres sterling', 'GBP', 1], ['pounds sterling', 'GBP', 1], ['pounds', 'GBP', 1], ['Pfund Sterling', 'GBP', 1],
  ['£', 'GBP', 1], ['CHF', 'CHF', 1], ['francs suisses', 'CHF', 1], ['franc suisse', 'CHF', 1],
  ['Swiss francs', 'CHF', 1], ['Schweizer Franken', 'CHF', 1], ['Franken', 'CHF', 1],
  ['yens', 'JPY', 1], ['yen', 'JPY', 1], ['wons', 'KRW', 1], ['won', 'KRW', 1],
  ['roupies', 'INR', 1], ['rupees', 'INR', 1], ['Rupien', 'INR', 1],
];



function scaleAlternation(language: string): string {
  const lang = pickLanguage(language);
  const words = new Set([...Object.keys(SCALE_WORDS[lang]), ...Object.keys(SCALE_WORDS.en)]);
  return wordAlternation([...words]);
}

function readScale(word: string | undefined, language: string): number {
  if (word === undefined) return 1;
  const lower = word.toLowerCase();
  return SCALE_WORDS[pickLanguage(language)][lower] ?? SCALE_WORDS.en[lower] ?? 1;
}

/**
 * Every amount has a digit and a currency symbol, code or word: a cheap test before the
 * patterns. Two separate searches, not one pattern "a digit, then anything, then a currency":
 * that one was tried from every digit to the end of the sentence (issue 14), and the patterns
 * decide the order anyway.
 */
const HAS_DIGIT = /\d/u;
const HAS_CURRENCY_MARK = /[€$£]|[A-Z]{3}/u;
const HAS_CURRENCY_WORD = /euro|dollar|livre|pound|pfund|yen|won|franc|franken|roupie|rupee|rupien/iu;

const moneyPatterns = memoizeByLanguage((language, notation): RegExp[] => {
  const scale = `(?:[ \\u00A0\\u202F](?<scale>${scaleAlternation(language)})(?![\\p{L}]))?`;
  const prefixCodes = wordAlternation(PREFIX_CURRENCIES.map(([symbol]) => symbol));
  const prefix = new RegExp(
    `(?<![\\p{L}\\d])(?<cur>${prefixCodes})[ \\u00A0\\u202F]?(?<num>${numberBody(language, notation)})${scale}`,
    'giu',
  );
  const suffixWords = wordAlternation(SUFFIX_CURRENCIES.map(([word]) => word));
  const suffix = new RegExp(
    `(?:(?<=^|[\\s(:])(?<sign>[-−]))?(?<num>${numberPattern(language, notation)})${scale}[ \\u00A0\\u202F]?(?:(?:de|d['’])[ \\u00A0]?)?` +
      `(?<cur>${suffixWords})(?![\\p{L}])`,
    'giu',
  );
  return [prefix, suffix];
});

/**
 * Finds the money amounts of one sentence. `dollar` is the currency a bare "$" or "dollars"
 * stands for on this page (the publisher's, see `dollarCurrencyOf`).
 */
export function recognizeMoney(sentence: string, language: string, notation?: Notation, dollar = 'USD'): Candidate[] {
  const found: Candidate[] = [];
  if (!HAS_DIGIT.test(sentence) || !(HAS_CURRENCY_MARK.test(sentence) || HAS_CURRENCY_WORD.test(sentence))) return found;
  const [prefix, suffix] = moneyPatterns(language, notation);
  const suffixed: Candidate[] = [];
  for (const match of sentence.matchAll(suffix!)) {
    const groups = match.groups!;
    const number = readNumber(groups.num!, language, notation);
    const currency = SUFFIX_CURRENCIES.find(([w]) => w.toLowerCase() === groups.cur!.toLowerCase());
    if (number === null || !currency) continue;
    // A balance printed with its sign ("un déficit de -983 M EUR") is a negative amount.
    const value = scaleNumber(groups.sign === undefined ? number : -number, readScale(groups.scale, language) * currency[2]);
    suffixed.push(makeCandidate('money', value, currency[1] === LOCAL ? dollar : currency[1], match.index, match.index + match[0].length));
  }
  // Both lists come in page order and suffixed amounts do not overlap: one pointer walks them.
  let s = 0;
  for (const match of sentence.matchAll(prefix!)) {
    while (s < suffixed.length && suffixed[s]!.end <= match.index) s++;
    // "6.5 Mds $ 2013": the "$" closes the amount before it; it does not open "$ 2013".
    if (s < suffixed.length && match.index >= suffixed[s]!.start) continue;
    const groups = match.groups!;
    const number = readNumber(groups.num!, language, notation);
    const currency = PREFIX_CURRENCIES.find(([s]) => s.toLowerCase() === groups.cur!.toLowerCase());
    if (number === null || !currency) continue;
    const value = scaleNumber(number, readScale(groups.scale, language));
    found.push(makeCandidate('money', value, currency[1] === LOCAL ? dollar : currency[1], match.index, match.index + match[0].length));
  }
  return [...found, ...suffixed];
}
