import type { Change, Figure, PageDocument, Section } from '../../src/model/index.ts';

/** A small hand-built section: heading and blocks, text joined the way the extractor does. */
export function section(heading: string | null, ...blocks: string[]): Section {
  return { heading, level: heading === null ? 0 : 2, blocks, text: blocks.join('\n\n') };
}

/** A figure with sensible defaults; override what the test is about. */
export function figure(overrides: Partial<Figure> & Pick<Figure, 'key'>): Figure {
  return {
    kind: 'money',
    value: 8_200_000,
    unit: 'EUR',
    raw: '€8.2 million',
    section: 'Economic relations',
    sentence: 'Trade between France and North Korea is not very significant (€8.2 million in 2016).',
    period: '2016',
    ...overrides,
  };
}

/** A small hand-built document. */
export function makeDocument(overrides: Partial<PageDocument> = {}): PageDocument {
  return {
    title: 'France and North Korea',
    language: 'en',
    updated: '2017-07-05',
    updatedText: 'Updated: 5 July 2017',
    url: 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/',
    profile: 'diplomatie-spip',
    sections: [],
    figures: [],
    ...overrides,
  };
}

/** A change in which nothing changed (same stamp, no sections, no figures). */
export function emptyChange(): Change {
  return {
    updated: { from: '2017-07-05', to: '2017-07-05' },
    url: null,
    title: null,
    sections: { added: [], removed: [], changed: [] },
    figures: { added: [], removed: [], changed: [] },
  };
}
