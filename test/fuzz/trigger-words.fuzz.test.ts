import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/extract-document.ts';
import { MAX_KEY_CHARS } from '../../src/extract/figures/make-key.ts';
import { MAX_SENTENCE_CHARS } from '../../src/extract/figures/split-sentences.ts';
import {
  ANAPHORIC_ARTICLES, FIGURE_LANGUAGES, MONTHS, NUMBER_WORDS, ORDINAL_WORDS, RANK_CONTEXT, RANK_NOUNS, SCALE_WORDS, SPAN_OPENERS,
  type FigureLanguage,
} from '../../src/model/figure-vocabulary.ts';
import { FIGURE_KINDS, type PageDocument } from '../../src/model/index.ts';
import { MAX_NESTING_DEPTH } from '../../src/judge/assess-page.ts';

/**
 * Fuzzing the recognisers with their own trigger words (issue 14, Build 1): fast-check builds
 * pages of a few trigger words — number words, ordinals, scale words, currencies, months, units,
 * direction words, period words, label rows, numbers in every notation, clause breaks,
 * abbreviations, control characters — repeated hundreds or thousands of times, in English, French
 * and German, as one sentence, paragraphs, sections or list rows. Every page must be extracted
 * within a time bound proportional to its size (CPU time; linear code takes a small fraction of
 * it, the quadratic code before took seconds at 16 KB), and the document must be well formed.
 */

/** Runs per test run; `FUZZ_RUNS` raises it for a longer local search. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
/** Pages are cut to this size: enough for quadratic work to show, small enough for CI. */
const MAX_BYTES = 48 * 1024;
/** CPU milliseconds allowed per KB of page, and at least. */
const MS_PER_KB = 25;
const MIN_MS = 400;

/** Kinds as strings: a kind the extractor made up at run time must fail the test, whatever its type says. */
const KINDS = new Set<string>(FIGURE_KINDS);
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|\p{Cs}/u;

/** Trigger words no vocabulary table exports: currencies, percent and direction words, units … */
const COMMON = [
  '€', '$', '£', 'US$', 'EUR', 'USD', 'AUD', 'M€', 'Md€', 'k€', '%', '+', '−', '-', '–', '/', ':', ';', ',', '.', '…',
  '(', ')', '[', ']', '"', '“', '”', '«', '»', '’', "'", '\u00a0', '\u202f', '\u2009', ' ', '  ',
  'km²', 'km2', 'm²', 'ha', 't', 'kg', 'MW', 'TWh', '°C',
  '1', '7', '10', '22', '153', '2016', '1995-2015', '2017-18', '1871', '918-1392', '8.2', '300,000', '1,234,567', '25,3',
  '120 500', '1.234', '1.234.567,89', '1 234 567 890', '123', '0.004', '08.07.', '08.07.1994', '2011-10-10', '10:30',
  '10h30', '153th', '20th', '3rd', '1er', '160ème', '2e', '3.', '+33 1 43 17 53 53', '01 43 17 53 53', '75007 Paris',
  'G7', 'Covid-19', 'A380', 'Mr.', 'Dr.', 'J.', 'e.g.', 'z.B.', 'No.', 'n°', 'article', 'Resolution', 'rue', 'quai',
  'Straße', 'Platz', 'Updated:', 'Stand:', 'Share', '&amp;', '&#27;', '&#0;', '\u0000', '\u001b', '\u0085', '\u009b',
];

const BY_LANGUAGE: Record<FigureLanguage, string[]> = {
  en: [
    'million', 'billion', 'per cent', 'percent', 'up', 'down by', 'rose by', 'decline of', 'largest', 'ranks', 'ranked',
    'ranking', 'in', 'since', 'from', 'to', 'between', 'and', 'period', 'for the period', 'versus', 'compared to', 'of them',
    'years', 'months', 'inhabitants', 'dollars', 'euros', 'pounds', 'Population:', 'Area :', 'GDP (2013):', 'trade', 'aid',
    'French', 'NGOs', 'projects', 'the',
  ],
  fr: [
    'millions', 'milliards', 'Mds', 'Md', 'pour cent', 'en hausse de', 'en baisse de', 'recul de', 'rang', 'partenaire',
    'fournisseur', 'mondial', 'en', 'depuis', 'de', 'à', 'entre', 'et', 'période', 'pour la période', 'par rapport à',
    'd’entre eux', 'ans', 'mois', 'habitants', 'd’euros', 'euros', 'dollars US', 'dollars américains', 'Population :',
    'Superficie :', 'PIB (2013) :', 'Banque Mondiale', 'échanges', 'les',
  ],
  de: [
    'Millionen', 'Milliarden', 'Mrd.', 'Mio.', 'Prozent', 'Anstieg um', 'Rückgang um', 'Rang', 'Platz', 'Stelle', 'im',
    'im Jahr', 'seit', 'von', 'bis', 'zwischen', 'und', 'Zeitraum', 'gegenüber', 'im Vergleich zu', 'davon', 'Jahre',
    'Jahren', 'Einwohner', 'Euro', 'US-Dollar', 'Einwohner:', 'Fläche:', 'Stand: März 2011', 'Handel', 'Vorhaben', 'die',
  ],
};

function vocabulary(lang: FigureLanguage): string[] {
  return [
    ...COMMON,
    ...BY_LANGUAGE[lang],
    ...Object.keys(NUMBER_WORDS[lang]),
    ...Object.keys(ORDINAL_WORDS[lang]),
    ...RANK_CONTEXT[lang],
    ...RANK_NOUNS[lang],
    ...Object.keys(SCALE_WORDS[lang]),
    ...Object.keys(MONTHS[lang]),
    ...SPAN_OPENERS[lang],
    ...ANAPHORIC_ARTICLES[lang],
  ];
}

type Shape = 'sentence' | 'paragraphs' | 'sections' | 'rows';

interface FuzzPage {
  lang: FigureLanguage;
  html: string;
  bytes: number;
}

const ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;' };

const pages: fc.Arbitrary<FuzzPage> = fc.constantFrom(...FIGURE_LANGUAGES).chain((lang) =>
  fc
    .record({
      words: fc.array(fc.constantFrom(...vocabulary(lang)), { minLength: 1, maxLength: 6 }),
      joiner: fc.constantFrom(' ', '', '\u00a0', ', '),
      separator: fc.constantFrom(' ', '. ', ', ', '; ', ''),
      repeat: fc.integer({ min: 50, max: 5000 }),
      shape: fc.constantFrom<Shape>('sentence', 'paragraphs', 'sections', 'rows'),
    })
    .map(({ words, joiner, separator, repeat, shape }) => {
      const phrase = (words.join(joiner) + separator).replace(/[<>]/g, (c) => ESCAPES[c]!);
      const unit = shape === 'sentence' ? phrase : shape === 'paragraphs' ? `<p>${phrase}</p>` : shape === 'sections' ? `<h2>${phrase}</h2><p>${phrase}</p>` : `<li>${phrase}</li>`;
      const count = Math.max(1, Math.min(repeat, Math.floor(MAX_BYTES / Math.max(1, unit.length))));
      const inner = unit.repeat(count);
      const body = shape === 'sentence' ? `<p>${inner}</p>` : shape === 'rows' ? `<ul>${inner}</ul>` : inner;
      const html =
        `<!doctype html><html lang="${lang}"><head><title>France</title></head><body><div class="texte"><div class="texte">` +
        `${body}<p>France and North Korea.</p></div></div></body></html>`;
      return { lang, html, bytes: Buffer.byteLength(html) };
    }),
);

function cpuMs(run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** Every string anywhere in `value`. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function expectWellFormed(doc: PageDocument, lang: string): void {
  expect(doc.language).toBe(lang);
  for (const text of strings(doc)) expect(CONTROL.test(text), JSON.stringify(text.slice(0, 80))).toBe(false);
  const headings = new Set(doc.sections.map((s) => s.heading));
  for (const section of doc.sections) {
    expect(section.heading === null || section.heading.length > 0).toBe(true);
    for (const block of section.blocks) expect(block.trim()).toBe(block);
    expect(section.text).toBe(section.blocks.join('\n\n'));
  }
  const keys = new Set<string>();
  for (const f of doc.figures) {
    expect(KINDS.has(f.kind), f.kind).toBe(true);
    expect(f.key.startsWith(`${f.kind}/`), f.key).toBe(true);
    expect(f.key.length).toBeLessThanOrEqual(MAX_KEY_CHARS);
    expect(keys.has(f.key), `duplicate key ${f.key}`).toBe(false);
    keys.add(f.key);
    if (f.kind === 'date') expect(String(f.value)).toMatch(/^(?:\d{4}-\d{2}(?:-\d{2})?|--\d{2}-\d{2})$/);
    else expect(typeof f.value === 'number' && Number.isFinite(f.value), `${f.kind} ${String(f.value)}`).toBe(true);
    expect(f.raw.length).toBeGreaterThan(0);
    expect(f.sentence.length).toBeGreaterThan(0);
    expect(f.sentence.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
    expect(f.sentence).toContain(f.raw.replace(/\s+/gu, ' ').trim());
    expect(headings.has(f.section)).toBe(true);
    if (f.period !== null) expect(f.period).toMatch(/^\d{3,4}(?:-\d{3,4})?$/);
  }
}

describe('fuzzing: repeated trigger words in en, fr and de', () => {
  it('every page is extracted within its time bound, into a well-formed document', () => {
    // Warm-up: the first extraction compiles every recogniser's patterns.
    for (const lang of FIGURE_LANGUAGES) extractDocument(`<html lang="${lang}"><body><div class="texte"><p>€8.2 million in 2016.</p></div></body></html>`);
    fc.assert(
      fc.property(pages, ({ lang, html, bytes }) => {
        let doc: PageDocument | undefined;
        const ms = cpuMs(() => {
          doc = extractDocument(html, { maxDepth: MAX_NESTING_DEPTH });
        });
        const bound = Math.max(MIN_MS, (MS_PER_KB * bytes) / 1024);
        expect(ms, `${(bytes / 1024).toFixed(0)} KB took ${ms.toFixed(0)} ms (bound ${bound.toFixed(0)} ms)`).toBeLessThanOrEqual(bound);
        expectWellFormed(doc!, lang);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
