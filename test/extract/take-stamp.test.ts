import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/extract-document.ts';
import { takeStamp } from '../../src/extract/take-stamp.ts';
import type { Section } from '../../src/model/index.ts';

const page = (lang: string | null, body: string) =>
  `<!doctype html><html${lang === null ? '' : ` lang="${lang}"`}><head><title>T</title></head><body><main>${body}</main></body></html>`;

const section = (heading: string | null, level: number, blocks: string[]): Section => ({ heading, level, blocks, text: blocks.join('\n\n') });
const en = { language: 'en', order: 'dmy-or-mdy' } as const;

const GHANA =
  '<p>Ghana gained its independence from the United Kingdom on 6 March 1957.</p>' +
  '<h2>Trade</h2><p>Annual growth averaged over 6.4% since 2000, and EU aid reached €135.3 million.</p>';

describe('stamps in a page', () => {
  it('reads an EEAS date line under the title day first, and keeps it out of the text and the figures', () => {
    const doc = extractDocument(page('en', `<h1>Ghana and the EU</h1><p>11/05/2016 - 17:24</p>${GHANA}`), { url: 'https://eeas.europa.eu/delegations/ghana/1247/ghana-and-eu_en' });
    expect(doc.updated).toBe('2016-05-11');
    expect(doc.updatedText).toBe('11/05/2016 - 17:24');
    expect(doc.sections[0]!.blocks[0]).toMatch(/^Ghana gained/u);
    expect(doc.figures.map((f) => f.raw)).not.toContain('11/05/2016');
    expect(doc.figures.map((f) => f.raw)).toEqual(expect.arrayContaining(['6 March 1957', 'over 6.4%', '€135.3 million']));
  });

  it('leaves a date line further down the page alone: it is content there', () => {
    const doc = extractDocument(page('en', `<h1>Ghana</h1><p>Ghana and the EU.</p><p>Relations are old.</p><p>22 July 2024</p>${GHANA}`));
    expect(doc.updated).toBeNull();
    expect(doc.sections[0]!.blocks).toContain('22 July 2024');
  });

  it('reads a French stamp on an English page, and its date is no figure of the page', () => {
    const doc = extractDocument(page('en', `<h1>France and Ghana</h1><p>There are 50 French companies in Ghana.</p><p>Dernière modification : 23/10/2017</p>`), { url: 'https://gh.ambafrance.org/France-and-Ghana' });
    expect(doc.updated).toBe('2017-10-23');
    expect(doc.updatedText).toBe('Dernière modification : 23/10/2017');
    expect(doc.figures.map((f) => f.kind)).toEqual(['count']);
  });

  it('takes out a stamp line without its date, declaring no date', () => {
    const doc = extractDocument(page('fr', `<h1>Europe</h1><h2>Europe occidentale</h2><p>Informez-vous sur nos relations.</p><p>Dernière mise à jour le</p><h3>Andorre</h3><p>Un mini-État.</p>`));
    expect(doc.updated).toBeNull();
    expect(doc.updatedText).toBe('Dernière mise à jour le');
    expect(doc.sections.flatMap((s) => s.blocks)).toEqual(['Informez-vous sur nos relations.', 'Un mini-État.']);
  });

  it('never makes a stamp printed as a heading a section holding the rest of the page', () => {
    const doc = extractDocument(page('de', `<h1>Österreich</h1><h5>Stand: September 2016</h5><p>Rund 36.000 Österreicher leben in Liechtenstein.</p><h2>Wirtschaft</h2><p>Das Handelsvolumen betrug 2015 rund 1,9 Milliarden Euro.</p>`));
    expect(doc.updated).toBe('2016-09');
    expect(doc.updatedText).toBe('Stand: September 2016');
    expect(doc.sections.map((s) => s.heading)).toEqual([null, 'Wirtschaft']);
    expect(doc.sections[0]!.blocks).toEqual(['Rund 36.000 Österreicher leben in Liechtenstein.']);
    expect(doc.figures.filter((f) => f.kind === 'date')).toEqual([]);
  });

  it('reads an English page of the US month first, and of elsewhere day first', () => {
    const body = `<h1>Ghana</h1>${GHANA}<p>Last updated: 04/07/2024</p>`;
    expect(extractDocument(page('en-US', body)).updated).toBe('2024-04-07');
    expect(extractDocument(page('en', body), { url: 'https://www.state.gov/ghana' }).updated).toBe('2024-04-07');
    expect(extractDocument(page('en', body), { url: 'https://www.gov.uk/ghana' }).updated).toBe('2024-07-04');
  });

  it('keeps prose that mentions an update, and its date', () => {
    const doc = extractDocument(page('en', `<h1>Ghana</h1><p>We updated our travel advice on 3 May 2019.</p><p>Stand der Verhandlungen</p>`));
    expect(doc.updated).toBeNull();
    expect(doc.sections[0]!.blocks).toEqual(['We updated our travel advice on 3 May 2019.', 'Stand der Verhandlungen']);
  });
});

describe('choosing among stamp lines', () => {
  it('prefers the latest of two labelled stamps, and takes both out', () => {
    const { sections, stamp } = takeStamp(
      [section(null, 0, ['Updated 3 May 2019', 'Text.']), section('Trade', 2, ['More text.', 'Last updated: 22 July 2024'])],
      en,
    );
    expect(stamp).toEqual({ text: 'Last updated: 22 July 2024', updated: '2024-07-22' });
    expect(sections).toEqual([section(null, 0, ['Text.']), section('Trade', 2, ['More text.'])]);
    expect(takeStamp([section(null, 0, ['Updated 22 July 2024', 'Text.', 'Updated: 3 May 2019'])], en).stamp?.updated).toBe('2024-07-22');
  });

  it('on equal dates, keeps the stamp that closes the page', () => {
    const { stamp } = takeStamp([section(null, 0, ['Updated: July 2024', 'Text.', 'Last updated 22 July 2024'])], en);
    expect(stamp?.text).toBe('Last updated 22 July 2024');
  });

  it('prefers a labelled stamp to a bare date under the title, and a bare date to a stamp without one', () => {
    expect(takeStamp([section(null, 0, ['22 July 2024', 'Text.', 'Last updated: 3 May 2019'])], en).stamp).toEqual({ text: 'Last updated: 3 May 2019', updated: '2019-05-03' });
    expect(takeStamp([section(null, 0, ['22 July 2024', 'Text.', 'Last updated'])], en).stamp).toEqual({ text: '22 July 2024', updated: '2024-07-22' });
  });

  it('gives a dissolved stamp heading’s blocks to the section before it', () => {
    const { sections, stamp } = takeStamp([section('Trade', 2, ['Text.']), section('Mis à jour le 12 mars 2021', 4, ['Note.'])], { language: 'fr', order: 'dmy' });
    expect(stamp?.updated).toBe('2021-03-12');
    expect(sections).toEqual([section('Trade', 2, ['Text.', 'Note.'])]);
  });

  it('finds nothing on a page without a stamp, and changes nothing', () => {
    const input = [section(null, 0, ['Text of 2019.']), section('Trade', 2, ['€8.2 million in 2016.'])];
    expect(takeStamp(input, en)).toEqual({ sections: input, stamp: null });
  });
});
