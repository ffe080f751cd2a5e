import type { Change } from '../../src/model/index.ts';
import { diffDocuments } from '../../src/diff/diff-documents.ts';
import { pageFactsOf } from '../../src/describe/summarize-change.ts';
import type { ReportMeta } from '../../src/report/report-meta.ts';
import { figure, makeDocument, section } from '../diff/make-document.ts';

export const OLD_URL = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea/';
export const NEW_URL = 'https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea-65083/';

const aidSentence = 'EU humanitarian aid totalled €135.3 million for 130 projects for the period 1995-2015.';

/** Two small hand-built revisions, loosely after the real North Korea page. */
export const olderDocument = makeDocument({
  sections: [
    section('Political relations', 'France does not have diplomatic relations with the DPRK.'),
    section('Economic relations', 'Trade between France and North Korea is not very significant (€8.2 million in 2016). There are no French companies working in the country.'),
    section('French presence', 'Fewer than ten French nationals live in North Korea.'),
  ],
  figures: [
    figure({ key: 'economic-relations/trade/money' }),
    figure({ key: 'eu/humanitarian-aid/money', value: 135_300_000, raw: '€135.3 million', section: 'Relations with the European Union', sentence: aidSentence, period: '1995-2015' }),
    figure({ key: 'presence/french-nationals/count', kind: 'count', value: 10, unit: null, raw: 'ten', section: 'French presence', sentence: 'Fewer than ten French nationals live in North Korea.', period: null }),
  ],
});

export const newerDocument = makeDocument({
  updated: '2017-10-26',
  updatedText: 'Updated: 26 October 2017',
  url: NEW_URL,
  sections: [
    section('Political Relations', 'France does not have diplomatic relations with the DPRK.'),
    section('Economic relations', 'Trade between France and North Korea is not very significant (€5.1 million in 2017). There are no French companies working in the country.'),
    section('Relations with the European Union', 'The European Union has maintained diplomatic relations with North Korea since 2001.'),
  ],
  figures: [
    figure({ key: 'economic-relations/trade/money', value: 5_100_000, raw: '€5.1 million', period: '2017', sentence: 'Trade between France and North Korea is not very significant (€5.1 million in 2017).' }),
    figure({ key: 'eu/humanitarian-aid/money', value: 142_000_000, raw: '€142 million', section: 'Relations with the European Union', sentence: aidSentence.replace('€135.3 million', '€142 million'), period: '1995-2015' }),
    figure({ key: 'eu/relations-since/year', kind: 'year', value: 2001, unit: null, raw: '2001', section: 'Relations with the European Union', sentence: 'The European Union has maintained diplomatic relations with North Korea since 2001.', period: '2001' }),
  ],
});

export const sampleChange: Change = diffDocuments(olderDocument, newerDocument);

export const sampleMeta: ReportMeta = {
  source: 'france-north-korea',
  changeId: 7,
  fromVersion: 1,
  toVersion: 2,
  fromCapturedAt: new Date('2017-07-06T08:00:00Z'),
  toCapturedAt: new Date('2017-10-27T09:30:00Z'),
  fromUrl: OLD_URL,
  toUrl: NEW_URL,
  title: 'France and North Korea',
};

export const firstCaptureMeta: ReportMeta = {
  source: 'france-north-korea',
  fromVersion: null,
  toVersion: 1,
  fromCapturedAt: null,
  toCapturedAt: new Date('2020-06-01T00:00:00Z'),
  fromUrl: null,
  toUrl: NEW_URL,
  title: 'France and North Korea',
  page: pageFactsOf(makeDocument({ ...newerDocument, updated: '2020-05', updatedText: 'Updated: May 2020' })),
};
