import { describe, expect, it } from 'vitest';
import { labelFigure } from '../../src/describe/label-figure.ts';
import type { Figure } from '../../src/model/index.ts';
import { figure } from '../diff/make-document.ts';

/**
 * Issue 19, item 8, the classes the corpus audit found (en / fr / de): dates in chronologies and
 * event lists, ranges of days, dates opening a sentence, fallbacks to the bare kind word, verb
 * fragments, labels starting inside a parenthesis, and figures coordinated after another figure.
 * The sentences are invented for these tests.
 */
const label = (kind: Figure['kind'], raw: string, sentence: string, extra: Partial<Figure> = {}) =>
  labelFigure(figure({ key: `${kind}/k`, kind, raw, sentence, ...extra }));

describe('a chronology line names its event first', () => {
  it.each([
    ['3 May 2018', '3 May 2018: Visit of a trade delegation led by the Deputy Minister, Ms Ana Pérez.', 'delegation'],
    ['12 mars 2019', '12 mars 2019 : visite d’une délégation parlementaire conduite par M. Paul Roux.', 'délégation parlementaire'],
    ['4. Juli 2016', '4. Juli 2016: Besuch einer Delegation des Landtags in Graz.', 'Besuch einer Delegation'],
  ] as const)('%s', (raw, sentence, expected) => {
    // English "a" is an article, not French "a" (has): the label goes on past it.
    expect(label('date', raw, sentence)).toContain(expected);
  });
});

describe('both days of a range or pair name the one event', () => {
  it.each([
    ['en', ['9', '11 May 2017'], 'The Prime Minister made an official visit to Chile from 9 to 11 May 2017.', 'visit to Chile'],
    ['en', ['14', '15 June 2012'], 'The minister made a working visit to Peru on 14-15 June 2012.', 'visit to Peru'],
    ['fr', ['2', '4 juin 2016'], 'M. Paul Martin s’est rendu au Mali du 2 au 4 juin 2016 et s’est entretenu avec le Président.', 'Paul Martin s’est rendu au Mali'],
    ['de', ['8.', '9. März 2019'], 'Sie kam am 8. und 9. März 2019 auf Staatsbesuch nach Polen.', 'Staatsbesuch nach Polen'],
  ] as const)('%s', (_lang, raws, sentence, expected) => {
    for (const raw of raws) expect(label('date', raw, sentence)).toBe(expected);
  });
  it('never a verb fragment from after the range ("s’est entretenu avec …")', () => {
    const s = 'Mme Anne Petit s’est rendue au Chili du 3 au 5 avril 2018 et s’est entretenue avec le Ministre.';
    expect(label('date', '5 avril 2018', s)).not.toMatch(/entretenue/u);
  });
});

describe('a date opening its sentence dates who did what after it', () => {
  it('en: the name in apposition to a title, its verb and what it governs', () => {
    const s = 'In March 2018, the Minister of Trade, Ms Jane Roe, visited Lagos and Accra.';
    expect(label('date', 'March 2018', s)).toBe('Ms Jane Roe visited Lagos and Accra');
  });
  it('en: the last names of a long title, not the title', () => {
    const s = 'In June 2014, the Minister for Europe and Trade Peter Miller travelled to Dakar.';
    expect(label('date', 'June 2014', s)).toBe('Peter Miller travelled to Dakar');
  });
  it('fr: "M. X s’est rendu …", with the abbreviation "M." inside the clause', () => {
    const s = 'Le 4 avril 2016, le ministre de l’Agriculture, M. Paul Martin, s’est rendu à Dakar.';
    expect(label('date', '4 avril 2016', s)).toBe('M. Paul Martin s’est rendu à Dakar');
  });
  it('an insertion after the verb is skipped ("attended, alongside …, the …")', () => {
    const s = 'In May 2019, President Ama Mensah attended, alongside the Minister of Health, the opening of the new hospital.';
    expect(label("date", "May 2019", s)).toBe("President Ama Mensah attended the opening of the new hospital");
  });
  it('de: a verb before its subject leaves the subject ("Im Mai 2019 reiste die Ministerin …")', () => {
    const s = 'Im Mai 2019 reisten die Ministerin und ihr Staatssekretär nach Lima.';
    expect(label('date', 'Mai 2019', s)).toBe('Ministerin');
  });
  it('an opening phrase that says something keeps the date: the event after its comma is another', () => {
    const s = 'Following the floods in the northern provinces in May 2017, a donors’ conference was held in Paris.';
    expect(label('date', 'May 2017', s)).toBe('floods in the northern provinces');
  });
});

describe('a date inside a sentence labels by the event it dates', () => {
  it('not an event in the next clause ("… le 3 mai 1990 et les accords …")', () => {
    const s = 'Les deux pays ont noué des relations diplomatiques le 3 mai 1990 et les accords de coopération ont suivi.';
    expect(label('date', '3 mai 1990', s)).toContain('relations diplomatiques');
  });
  it('not the occasion ("en marge du sommet")', () => {
    const s = 'Le Premier ministre a effectué une visite officielle en Inde en mars 2015 en marge du sommet du G20.';
    expect(label('date', 'mars 2015', s)).toContain('visite officielle en Inde');
  });
  it('not an event in a phrase attached to the verb’s object ("besuchte am … Wien zu einem Gespräch")', () => {
    const s = 'Anna Berger besuchte am 3. Mai 2019 Wien zu einem Gespräch mit dem Kanzler.';
    expect(label('date', '3. Mai 2019', s)).toBe('Anna Berger');
  });
  it('a German date with nothing before it takes the event its clause names', () => {
    const s = 'Zudem nahmen beide am 6. Juni 2018 gemeinsam mit ihren Amtskollegen an einer Konferenz über die Ostsee teil.';
    expect(label('date', '6. Juni 2018', s)).toBe('Konferenz über die Ostsee');
  });
  it('the place right after the date ("… am 2. Mai 2016 in Genf")', () => {
    const s = 'Zuvor sprachen die beiden Ministerinnen am 2. Mai 2016 in Genf miteinander.';
    expect(label('date', '2. Mai 2016', s)).toContain('in Genf');
  });
  it('dates coordinated after a qualified date share its head', () => {
    const s = 'Die Ministerin besuchte Prag im Mai 2012, ihr Nachfolger Karl Huber folgte im Juni des gleichen Jahres sowie im März 2014.';
    expect(label('date', 'März 2014', s)).toContain('Karl Huber');
  });
  it('an insertion and "Anfang" before the date say where and when, not what', () => {
    const s = 'Er trat sein Amt als Botschafter in Chile, mit Sitz in Santiago, Anfang Mai 2012 an.';
    expect(label('date', 'Mai 2012', s)).toBe('Amt als Botschafter in Chile');
  });
});

describe('a noun phrase, not the kind word', () => {
  it('a count keeps what it counts when a month follows ("… 24 patrol boats in March 2019")', () => {
    const s = 'The contract for the delivery of 24 patrol boats in March 2019 was signed in Oslo.';
    expect(label('count', '24 patrol boats', s)).toBe('patrol boats');
  });
  it('a figure alone in a parenthesis quantifies what stands before it', () => {
    const s = 'Exports to Chile, after a sharp fall in 2012 (-12.5%), recovered in 2013.';
    expect(label('percent', '-12.5%', s)).toContain('sharp fall');
  });
  it('a rank said of a name carries the name', () => {
    expect(label('rank', '25th', 'In 2004, Slovenia became the 25th member of the Union.')).toBe('member of the Union (Slovenia)');
    expect(label('rank', '25e', 'En 2004, la Slovénie est devenue le 25e membre de l’Union.')).toBe('membre de l’Union (Slovénie)');
  });
});

describe('never started inside a name or a parenthesis', () => {
  it('fr: the whole name with its acronym, and the place the amount goes to', () => {
    const s = 'Depuis 2001, l’Office national des forêts (ONF) a investi 30 millions d’euros au Gabon.';
    expect(label('money', '30 millions d’euros', s)).toBe('Office national des forêts (ONF) au Gabon');
  });
});

describe('a figure coordinated after another takes the subject, not the other figure’s words', () => {
  const s = 'Die Importe aus Polen stiegen 2019 um rund 1,4 % auf einen Gesamtwert von EUR 8,2 Mrd.';
  it('the percent: not "Gesamtwert von EUR" (the next figure’s currency)', () => {
    expect(label('percent', 'rund 1,4 %', s)).toBe('Importe aus Polen');
  });
  it('the amount: not "% auf einen Gesamtwert" (the previous figure’s unit), nor "Gesamtwert" alone', () => {
    expect(label('money', 'EUR 8,2 Mrd.', s)).toBe('Importe aus Polen');
  });
  it('a dash after the amount opens an aside ("– im Vergleich zum Vorjahr …")', () => {
    const t = 'Die Lieferungen nach Ungarn erreichten 2018 einen Gesamtwert von EUR 3,1 Mrd. – im Vergleich zum Vorjahr ein Plus von 2 %.';
    expect(label('money', 'EUR 3,1 Mrd.', t)).toBe('Lieferungen nach Ungarn');
  });
  it('the figure’s own period before it is no boundary ("… im Jahre 2018 4,1 Mrd. Euro")', () => {
    const t = 'Laut Statistik beträgt das gegenseitige Handelsvolumen im Jahre 2018 4,1 Mrd. Euro.';
    expect(label('money', '4,1 Mrd. Euro', t)).toBe('gegenseitige Handelsvolumen');
  });
  it('a long subject before a copula is named by its head', () => {
    const t = 'The stock of capital invested in Chile by these firms is estimated at €2 billion.';
    expect(label('money', '€2 billion', t)).toBe('stock of capital');
  });
});
