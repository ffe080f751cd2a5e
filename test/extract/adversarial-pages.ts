/**
 * Hostile pages for the extraction growth tests (issue 14): a short phrase repeated until the
 * page reaches a given size, in one sentence, as many paragraphs, or as many sections. The
 * phrases are the triggers of each recogniser and of the steps around them (sentence splitting,
 * label rows, periods, chrome labels, headings), the ones the issue names and those profiling
 * found.
 */
import type { FigureLanguage } from '../../src/model/figure-vocabulary.ts';

export interface AdversarialPattern {
  name: string;
  language: FigureLanguage;
  phrase: string;
}

export const PATTERNS: readonly AdversarialPattern[] = [
  // Named in the issue.
  { name: 'million', language: 'en', phrase: '1 million ' },
  { name: 'euro', language: 'en', phrase: '€1 ' },
  { name: 'percent', language: 'en', phrase: '1 % ' },
  { name: 'third-largest', language: 'en', phrase: 'third-largest ' },
  { name: 'date', language: 'en', phrase: '10 October 2011, ' },
  { name: 'dotted', language: 'de', phrase: '08.07.' },
  { name: 'millions-euros', language: 'fr', phrase: '7 millions d’euros ' },
  { name: 'label-row', language: 'fr', phrase: 'Population : 25,3 millions (2014, Banque Mondiale) ' },
  { name: 'spaced-digits', language: 'fr', phrase: '1 234 567 890 ' },
  { name: 'dotted-digits', language: 'de', phrase: '1.234.567,89 ' },
  // Found by profiling.
  { name: 'digit-groups', language: 'fr', phrase: '123 ' },
  { name: 'years', language: 'en', phrase: 'in 2016 ' },
  { name: 'parentheses', language: 'en', phrase: '(€1 in 2016 ' },
  { name: 'named-period', language: 'en', phrase: '€1 for the period 2016 ' },
  { name: 'counts', language: 'en', phrase: 'two French NGOs ' },
  { name: 'ordinals', language: 'de', phrase: 'am 22. Januar ' },
  { name: 'share-label', language: 'en', phrase: 'Share ' },
  { name: 'phone', language: 'fr', phrase: '+33 1 43 17 53 53 ' },
  { name: 'long-word', language: 'en', phrase: 'x' },
];

export type PageShape = 'sentence' | 'paragraphs' | 'sections';

export const SHAPES: readonly PageShape[] = ['sentence', 'paragraphs', 'sections'];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c]!);
}

/**
 * A page of about `bytes` bytes of `pattern`, in the France Diplomatie (SPIP) layout so that
 * the region-only parse runs as on a real page: the phrase repeated in one paragraph, one
 * paragraph per repetition, or one `h2` + paragraph per repetition; one ordinary paragraph
 * closes the page.
 */
export function buildPage(pattern: AdversarialPattern, shape: PageShape, bytes: number): string {
  const phrase = escapeHtml(pattern.phrase);
  const unit = shape === 'sentence' ? phrase : shape === 'paragraphs' ? `<p>${phrase}</p>` : `<h2>${phrase}</h2><p>${phrase}</p>`;
  const count = Math.max(1, Math.round(bytes / Buffer.byteLength(unit)));
  const body = shape === 'sentence' ? `<p>${unit.repeat(count)}</p>` : unit.repeat(count);
  return (
    `<!doctype html><html lang="${pattern.language}"><head><title>France and North Korea</title></head>` +
    // One ordinary paragraph, so that a pattern that is all chrome still leaves a page.
    `<body><div class="texte"><div class="texte">${body}<p>France and North Korea.</p></div></div></body></html>`
  );
}
