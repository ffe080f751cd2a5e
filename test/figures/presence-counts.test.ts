/**
 * Counts of none and of one, in words (issue 17 item 6; src/extract/figures/recognize-presence-count.ts):
 * read only in an existential or a clause of presence, never from "no", "one", "aucun", "kein",
 * "une", "ein" on their own. Every sentence is invented for the rule it tests.
 */
import { describe, expect, it } from 'vitest';
import { labelFigure } from '../../src/describe/label-figure.ts';
import { diffDocuments } from '../../src/diff/diff-documents.ts';
import { extractFigures } from '../../src/extract/figures/index.ts';
import type { Figure, PageDocument } from '../../src/model/index.ts';

function figuresOf(text: string, language: string): Figure[] {
  return extractFigures([{ heading: 'Economy', level: 2, blocks: [text], text }], language);
}

function counts(text: string, language: string): Array<[number | string, string]> {
  return figuresOf(text, language)
    .filter((f) => f.kind === 'count')
    .map((f) => [f.value, f.raw]);
}

describe('a count of none in an existential or a clause of presence', () => {
  it.each([
    ['en', 'There are no Belgian companies working in the region.', 'no Belgian companies'],
    ['en', 'There are currently no German schools in the province.', 'no German schools'],
    ['en', 'There is no French bank in Lomé.', 'no French bank'],
    ['en', 'No Italian carmaker is represented in the country.', 'No Italian carmaker'],
    ['en', 'Trade is small, and no Dutch firm is currently active there.', 'no Dutch firm'],
    ['fr', 'Il n’y a aucune entreprise belge dans la région.', 'aucune entreprise belge'],
    ['fr', "Il n'y a plus aucune école française à Tartu.", 'plus aucune école française'],
    ['fr', 'Il n’y a pas d’entreprise italienne implantée au Laos.', 'pas d’entreprise italienne'],
    ['fr', 'Aucune banque allemande n’est présente dans le pays.', 'Aucune banque allemande'],
    ['de', 'Es gibt keine belgischen Unternehmen in der Region.', 'keine belgischen Unternehmen'],
    ['de', 'In Laos gibt es derzeit keine deutsche Schule.', 'keine deutsche Schule'],
    ['de', 'Kein italienisches Unternehmen ist in Laos vertreten.', 'Kein italienisches Unternehmen'],
  ])('%s "%s"', (language, text, raw) => {
    expect(counts(text, language)).toEqual([[0, raw]]);
  });
});

describe('a count of one, said so', () => {
  it.each([
    ['en', 'One Belgian company is represented in the country.', 'One Belgian company'],
    ['en', 'There is only one German school in the province.', 'only one German school'],
    ['en', 'Estonia has only one consulate in the region.', 'only one consulate'],
    ['en', 'There is one Spanish bank in the capital.', 'one Spanish bank'],
    ['fr', 'Une seule entreprise belge est représentée dans la région.', 'Une seule entreprise belge'],
    ['fr', 'Il n’y a qu’une école française à Tartu.', 'qu’une école française'],
    ['fr', 'La France ne compte qu’un seul consulat dans le pays.', 'qu’un seul consulat'],
    ['de', 'Ein einziges belgisches Unternehmen ist dort tätig.', 'Ein einziges belgisches Unternehmen'],
    ['de', 'In Laos gibt es nur eine deutsche Schule.', 'nur eine deutsche Schule'],
    ['de', 'Nur ein italienisches Unternehmen ist in Laos vertreten.', 'Nur ein italienisches Unternehmen'],
  ])('%s "%s"', (language, text, raw) => {
    expect(counts(text, language)).toEqual([[1, raw]]);
  });
});

describe('"no", "one", "aucun", "kein" and the articles that are no count', () => {
  it.each([
    ['en', 'Nepal is one of the largest recipients of aid.'],
    ['en', 'The border is no longer closed.'],
    ['en', 'There is no doubt that relations will improve.'],
    ['en', 'No doubt, the visit was a success.'],
    ['en', 'One must note that the talks continue.'],
    ['en', 'See item No. 5 of the agenda.'],
    ['en', 'There are no plans to open a consulate.'],
    ['en', 'There are no diplomatic relations between the two states.'],
    ['en', 'There is no death penalty in Estonia.'],
    ['en', 'No agreement was reached at the meeting.'],
    ['en', 'One project is underway in the north.'],
    ['en', 'Not only one company but several are present.'],
    ['en', 'The single market and a single currency bind the members.'],
    ['en', 'France and Estonia are the only countries to have no embassy there.'],
    ['fr', 'Il n’y a aucun doute sur ce point.'],
    ['fr', 'Un accord a été signé en mai.'],
    ['fr', 'Une entreprise belge est présente à Tartu.'],
    ['fr', 'Aucun accord n’a été trouvé.'],
    ['fr', 'Il n’y a pas eu de visite officielle au Laos depuis dix ans.'],
    ['fr', 'Il n’y a pas une seule entreprise belge.'],
    ['fr', 'C’est une seule et même politique.'],
    ['fr', 'Ce n’est qu’une étape.'],
    ['de', 'Es gibt keinen Zweifel an der Partnerschaft.'],
    ['de', 'Kein Zweifel, ein Abkommen wurde unterzeichnet.'],
    ['de', 'Ein Abkommen ist in Kraft.'],
    ['de', 'Ein Unternehmen ist dort tätig.'],
    ['de', 'Das ist nicht nur ein Unternehmen, sondern ein Netzwerk.'],
    ['de', 'Es gibt keine diplomatischen Beziehungen.'],
  ])('%s "%s"', (language, text) => {
    expect(counts(text, language)).toEqual([]);
  });
});

describe('keys and labels name what is counted', () => {
  it('keeps the quantifier out of the key, as the number of "two French NGOs" is', () => {
    const [none] = figuresOf('There are no Belgian companies working in the region.', 'en');
    expect(none!.key).toBe('count/belgian-companies-working-region');
    const [aucune] = figuresOf('Il n’y a aucune entreprise belge dans la région.', 'fr');
    expect(aucune!.key).not.toMatch(/aucun/);
    const [keine] = figuresOf('Es gibt keine belgischen Unternehmen in der Region.', 'de');
    expect(keine!.key).not.toMatch(/keine/);
  });

  it.each([
    ['en', 'There are no Belgian companies working in the region.', 'Belgian companies in the region'],
    ['en', 'One Belgian company is represented in the region, where it runs a mill.', 'Belgian company in the region'],
    ['fr', 'Une seule entreprise belge est représentée dans la région.', 'entreprise belge dans la région'],
    ['de', 'Kein italienisches Unternehmen ist in Laos vertreten.', 'italienisches Unternehmen in Laos'],
  ])('%s "%s" → "%s"', (language, text, label) => {
    const [figure] = figuresOf(text, language);
    expect(labelFigure(figure!)).toBe(label);
  });
});

describe('one count across a rewording', () => {
  function page(text: string, language: string): PageDocument {
    const sections = [{ heading: 'Economy', level: 2, blocks: [text], text }];
    return { title: 'T', language, updated: null, updatedText: null, url: null, profile: 'generic', sections, figures: extractFigures(sections, language) };
  }

  it.each([
    ['en', 'Trade is modest. One Belgian company is represented in the region, where it runs a mill.', 'Trade is modest. There are no Belgian companies working in the region.'],
    ['fr', 'Les échanges sont modestes. Une seule entreprise belge est représentée dans la région.', 'Les échanges sont modestes. Il n’y a aucune entreprise belge dans la région.'],
    ['de', 'Der Handel ist gering. Nur ein belgisches Unternehmen ist in der Region tätig.', 'Der Handel ist gering. Es gibt keine belgischen Unternehmen in der Region.'],
  ])('%s: 1 → 0 is one changed figure, not removed + added', (language, before, after) => {
    const change = diffDocuments(page(before, language), page(after, language));
    expect(change.figures.changed.map((c) => [c.from.value, c.to.value])).toEqual([[1, 0]]);
    expect(change.figures.added).toEqual([]);
    expect(change.figures.removed).toEqual([]);
  });

  it('does not pair a count of companies with a count of schools', () => {
    const change = diffDocuments(
      page('One Belgian company is represented in the region.', 'en'),
      page('There are no Belgian schools in the region.', 'en'),
    );
    expect(change.figures.changed).toEqual([]);
  });
});
