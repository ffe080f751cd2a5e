import type { Figure, FigureKind } from '../model/index.ts';
import { collapseWhitespace } from '../text/collapse-whitespace.ts';
import { dateSpan } from './date-span.ts';
import { rangeSpan } from './range-span.ts';
import { shareLabel } from './share-labels.ts';
import {
  COORDINATIONS, DETERMINERS, EDGE_WORDS, EVENTS, LINK_WORDS, MAX_LABEL_WORDS, NUMBER_NAMES, PREPOSITIONS, QUANTIFIER_OPENING, RELATIVES, SCALE_NAMES, VERBS, WEAK,
  hasContent, isFigureWord, isNumberWord, isVerb, joinLabel, nounPhrase, sentenceLanguage, stripPunctuation, trimEdges, words_, type Lang,
} from './label-words.ts';

/** What a figure is called when its sentence names nothing for it: said plainly, never guessed. */
const KIND_FALLBACK: Record<FigureKind, string> = {
  money: 'amount',
  percent: 'share',
  rank: 'rank',
  count: 'number',
  measure: 'measure',
  date: 'date',
  year: 'year',
};

/**
 * A short name for a figure, read from its sentence (docs/figures.md, "Labels"): the noun phrase
 * the number quantifies, in the page's own words. In order of preference:
 * - a fact-sheet row's own label ("Communauté française au Kazakhstan : 289 résidents");
 * - for a share printed in a parenthesis, the whole it is a share of (share-labels.ts): a part
 *   of a distribution after its total ("six visites (quatre à Paris, …)" → "visites à Paris"), a
 *   share after its noun phrase ("l’éducation (45-50% de l’enveloppe)" → "éducation (part de
 *   l’enveloppe)"); both ends of a range of numbers have one label (range-span.ts);
 * - the noun phrase right after the number: "130 projects", "2.500 österreichischen
 *   Niederlassungen", "3,9 Mds€ d’échanges commerciaux", "0.002% of our imports" → "share of
 *   imports", "sixth-largest export market", "ranks 200 among France’s customers";
 * - for a date, the event it dates when the sentence names one ("visite", "Staatsbesuch");
 * - the subject the figure is attached to through its verb ("Bilateral trade reached €8.2
 *   million" → "Bilateral trade"), else the noun phrase between that verb and the figure ("have
 *   a population of 110 million" → "population"), else — when the figure's clause has no subject
 *   of its own ("… ont continué de progresser pour atteindre 1,06 Md€") — the sentence's subject.
 * A label never reaches back across a coordination or another figure ("… trading partner, and
 * 13th largest …"), never starts or ends with a function word and never holds a number. When
 * none is found, the figure's kind says what it is ("amount", "date"): honest, not a neighbour's
 * words.
 *
 * Why the sentence and not the key: the key is built for stability, not for reading, and its
 * format belongs to the extractor (its words lose their accents); the sentence is what the
 * reader saw on the page.
 */
export function labelFigure(figure: Figure): string {
  const sentence = collapseWhitespace(figure.sentence);
  let raw = collapseWhitespace(figure.raw);
  // The extractor may complete a raw text ("6 April (2017)"); look for what the page printed.
  if (!sentence.includes(raw)) raw = raw.replace(/\s*\([^)]*\)\s*$/u, '');
  const at = findRaw(sentence, raw);
  if (at !== -1) {
    const row = rowLabel(figure, sentence.slice(0, at));
    if (row !== null) return row;
    const cell = cellLabel(figure, sentence, raw);
    if (cell !== null) return cell;
    // A day of a range or pair, an end of a range of numbers, is labelled with the whole span: both date one event, or bound one thing.
    const span = figure.kind === 'date' ? dateSpan(sentence, at, at + raw.length) : rangeSpan(sentence, at, at + raw.length);
    const found = shareLabel(figure, sentence, span.start, span.end) ?? labelFromSentence(figure, sentence, sentence.slice(span.start, span.end), span.start);
    // Never a number in a label: a label holding one reaches into another figure.
    const label = found !== null && words_(found).some((w) => isFigureWord(w)) ? null : found;
    // "down 3.3%" is printed without its sign in a report: the label says what fell.
    const worded = figure.direction !== undefined && /^(down|up|fell|rose|falling|rising)\b/iu.test(raw);
    if (label !== null) return worded ? `${figure.direction === 'down' ? 'fall' : 'rise'} in ${label}` : label;
  }
  return KIND_FALLBACK[figure.kind];
}

/** Where the raw text stands as a whole ("6" in "Les 6 et 7 septembre", not in "2016"). */
function findRaw(sentence: string, raw: string): number {
  if (raw === '') return -1;
  for (let at = sentence.indexOf(raw); at !== -1; at = sentence.indexOf(raw, at + 1)) {
    const prev = sentence[at - 1] ?? ' ';
    const next = sentence[at + raw.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(prev) && !/\p{N}/u.test(next)) return at;
  }
  return sentence.indexOf(raw);
}

/**
 * A table cell that is little more than its figure is named by its row's and column's headers
 * ("Exports" × "France" → "Exports, France"); a header that holds a number (a year: "2017") is a
 * period, not a name, and is left out. A cell holding a sentence is read like prose.
 */
function cellLabel(figure: Figure, sentence: string, raw: string): string | null {
  if (figure.cell === undefined) return null;
  const rest = words_(sentence.replace(raw, ' ')).filter((w) => stripPunctuation(w) !== '');
  if (rest.length > MAX_CELL_WORDS) return null;
  const headers = [figure.cell.row, figure.cell.column].filter((h): h is string => h !== null && h.trim() !== '' && !/\d/u.test(h));
  return headers.length === 0 ? null : headers.map(collapseWhitespace).join(', ');
}

const MAX_CELL_WORDS = 3;

/** A "label : value" row names its figure: the row's label, as the extractor read it. */
function rowLabel(figure: Figure, beforeText: string): string | null {
  if (figure.name === undefined || figure.name.trim() === '') return null;
  const head = beforeText.replace(/\s*:\s*$/u, '');
  if (head === beforeText || !head.replace(/\s*\([^)]*\)$/u, '').endsWith(figure.name.trim())) return null;
  return collapseWhitespace(figure.name);
}

function labelFromSentence(figure: Figure, sentence: string, raw: string, at: number): string | null {
  // A figure alone in a parenthesis ("a strong recovery in 2010 (+30.7%)") quantifies what stands before it.
  const alone = /\(\s*$/u.test(sentence.slice(0, at)) && /^\s*\)/u.test(sentence.slice(at + raw.length));
  const beforeText = alone ? sentence.slice(0, at).replace(/\s*\(\s*$/u, ' ') : sentence.slice(0, at);
  const afterText = sentence.slice(at + raw.length);
  const lang = sentenceLanguage(sentence);
  const quantified = quantifiedPhrase(figure, raw, beforeText, afterText, lang, sentence);
  if (quantified !== null) return quantified;
  const isDate = figure.kind === 'date' || figure.kind === 'year';
  const before = words_(beforeText);
  if (isDate) {
    const event = eventPhrase(before, words_(afterText), lang);
    if (event !== null) return event;
  }
  // The words around the figure, in its own clause: what a reader sees next to the number.
  const context = contextLabel(figure, raw, beforeText, afterText, lang);
  if (context !== null && hasContent(words_(context))) return context;
  // A fragment ("pour atteindre", "belief sich", "bis zum"): the subject the figure belongs to.
  const clause = ownClause(isDate ? words_(listHead(beforeText)) : before);
  const subject = subjectOf(clause.words, lang, isDate) ?? phraseBefore(clause.words, lang);
  if (subject !== null) return subject;
  if (!clause.fromStart) {
    const shared = subjectOf(before, lang, isDate);
    if (shared !== null) return shared;
  }
  return null;
}

/**
 * The words next to the figure in its own clause: the clause before it (its subject when it has
 * a copula: "Trade between France and North Korea is not very significant (€8.2 million)"), for
 * a date the clause it dates, for a count what it counts; never across another figure or a
 * coordination after one.
 */
function contextLabel(figure: Figure, raw: string, beforeText: string, afterText: string, lang: Lang): string | null {
  const isDate = figure.kind === 'date' || figure.kind === 'year';
  const clause = withinCoordination(lastClause(isDate ? listHead(beforeText) : beforeText), beforeText);
  let before = dropLeadingWeak(trimEdges(isDate ? withoutInsertion(clause).slice(-12) : (subjectBeforeCopula(clause, lang) ?? phraseStart(untimed(clause), lang))), true);
  // "einen Gesamtwert von", "pour un montant total de": a word for "amount" names nothing; the subject will.
  if (!isDate && before.length > 0 && before.every((w) => GENERIC_VALUES.has(stripPunctuation(w).toLowerCase()) || EDGE_WORDS.has(stripPunctuation(w).toLowerCase()))) return null;
  // The object of its verb, with the place the page gives it ("l’AFD a engagé 250 M€ au Laos").
  const place = placeAfter(afterText);
  const governed = !isDate && clause.length > 1 && isVerb(clause.at(-1)!, clause.at(-2), lang);
  if (governed) while (before.length > 1 && isVerb(before.at(-1)!, before.at(-2), lang)) before = trimEdges(before.slice(0, -1));
  if (governed && hasContent(before) && place.length > 0) before = [...before, ...place];
  if (isDate) {
    before = datedClause(before, collapseWhitespace(beforeText + raw + afterText));
    // Where it happened, when the page says so right after the date ("… am 3. Mai in Genf").
    if (hasContent(before) && place.length > 0 && before.length + place.length <= MAX_LABEL_WORDS + 2) before = [...before.map((w, i) => (i === before.length - 1 ? w.replace(/,$/u, '') : w)), ...place];
    // A date opening its sentence ("In May 2016, the minister visited …") dates the clause after it.
    // In German the verb comes right after an opening date, with no comma ("Im Mai 2019 reiste …").
    const opening = !words_(beforeText).some((w, i, all) => isVerb(w, all[i - 1], lang));
    if (!hasContent(before) && (/^\s*,/u.test(afterText) || (lang === 'de' && opening && /^\s*\p{Ll}/u.test(afterText)))) {
      const predicate = predicateAfter(afterText, lang);
      if (predicate !== null) return predicate;
    }
    // Nothing before the date says what it dates: the event its clause goes on to name
    // ("nahmen sie am 3. Mai gemeinsam mit … an einer Debatte über … teil"); a chronology's line
    // ("May 2016: Participation by … in the opening session") names it first.
    if (!hasContent(before) && !/^\s*:/u.test(afterText)) {
      const event = eventPhrase([], firstClause(afterText), lang, MAX_EVENT_REACH);
      if (event !== null) return event;
    }
  }
  const counted = figure.kind === 'count' ? countedNoun(raw) : [];
  let after = dropLeadingWeak(trimEdges(stopAtRelative([...counted, ...firstClause(afterText)]).slice(0, MAX_LABEL_WORDS)), false);
  if (!isDate && after.every((w) => GENERIC_VALUES.has(stripPunctuation(w).toLowerCase()) || EDGE_WORDS.has(stripPunctuation(w).toLowerCase()))) after = [];
  if (counted.length > 0) after = withoutTimePhrase(after);
  // One word before ("Fewer than ten …") names less than the words after.
  const preferAfter = (counted.length > 0 && after.length >= 2) || (before.length < 2 && after.length > before.length);
  const best = preferAfter ? after : before;
  if (best.length >= 2) return joinLabel(best);
  if (counted.length > 0 && after.length === 1 && before.length < 2) return joinLabel(after);
  if (best.length > 0) return joinLabel(best);
  return null;
}

/**
 * Who did what, from the clause after an opening date: the subject's name (the apposition of a
 * title: "the Minister for Trade, Ms Ann Lee," → "Ms Ann Lee"; the last capitalised words of a
 * long subject: "the Minister of Trade John Smith"), the verb and what it governs, as printed:
 * "Ms Ann Lee travelled to Oslo and Bergen". A verb before its subject (German "Im Mai 2019 reiste
 * die Ministerin …") leaves the subject alone. Null when the clause has no verb.
 */
function predicateAfter(afterText: string, lang: Lang): string | null {
  const words: string[] = [];
  for (const word of words_(afterText)) {
    if (isNumberWord(word) || /^[«"“]/u.test(word)) break;
    if (stripPunctuation(word) === '') {
      if (words.length === 0) continue;
      break;
    }
    words.push(word);
    if (/[;:]$/u.test(word) || (/\.$/u.test(word) && !HONORIFICS.has(stripPunctuation(word).toLowerCase()))) break;
  }
  // "…, on the sidelines of …", "…, when he …": the opening phrase goes on; no main clause yet.
  const first = stripPunctuation(words[0] ?? '').toLowerCase();
  if (PREPOSITIONS.has(first) || RELATIVES.has(first) || SUBORDINATORS.has(first)) return null;
  const verbAt = lang === 'de' && /^\p{Ll}/u.test(words[0] ?? '') && !afterText.trimStart().startsWith(',')
    ? 0
    : words.findIndex((w, i) => isVerb(w, words[i - 1], lang) || isVerb(w.replace(/^\p{L}[’']/u, ''), words[i - 1], lang));
  if (verbAt === -1) return null;
  if (verbAt === 0) {
    const subject = nounPhrase(words.slice(1), lang);
    return subject.length > 0 && hasContent(subject) ? joinLabel(subject) : null;
  }
  const subject = subjectName(words.slice(0, verbAt));
  // The verb and what it governs; an insertion right after the verb ("attended, alongside X, the …") is skipped.
  const predicate = [words[verbAt]!.replace(/,$/u, '')];
  let i = verbAt + 1;
  if (/,$/u.test(words[verbAt]!)) {
    while (i < words.length && !/,$/u.test(words[i]!)) i++;
    i++;
  }
  for (; i < words.length && predicate.length < MAX_PREDICATE_WORDS; i++) {
    const w = stripPunctuation(words[i]!).toLowerCase();
    if (w === '' || RELATIVES.has(w) || (COORDINATIONS.has(w) && predicate.length > 2)) break;
    // An adverbial after the object ("en marge du …", "au cours de …", "on the sidelines of", "during") is no part of it.
    const next = stripPunctuation(words[i + 1] ?? '').toLowerCase().replace(/^\p{L}[’']/u, '');
    if (predicate.length > 1 && (ADVERBIAL_STARTS.has(w) || (PREPOSITIONS.has(w) && (OCCASION_WORDS.has(next) || ADVERBIAL_HEADS.has(next))))) break;
    predicate.push(words[i]!);
    if (/[,;:.)]$/u.test(words[i]!)) break;
  }
  while (predicate.length > 1 && LINK_WORDS.has(stripPunctuation(predicate.at(-1)!).toLowerCase())) predicate.pop();
  const label = [...subject, ...predicate];
  return label.length >= 2 && hasContent(label) ? joinLabel(label.map((w, i) => (i === subject.length - 1 ? w.replace(/,$/u, '') : w))) : null;
}

const MAX_PREDICATE_WORDS = 8;
const ADVERBIAL_STARTS = new Set('during lors pendant während anlässlich'.split(' '));
const ADVERBIAL_HEADS = new Set('cours course rahmen'.split(' '));
const SUBORDINATORS = new Set('when while after before as because since lorsque quand alors als wenn nachdem während weil'.split(' '));

/**
 * The name in a subject: of a title and its apposition ("the Minister, Mr Lee," or "Mr Lee, the
 * Minister,") the part that is a name; else the last two capitalised words of a long subject
 * ("the Minister of Trade John Smith" → "John Smith"), with an honorific before them.
 */
function subjectName(subject: string[]): string[] {
  const words = subject.map((w, i) => (i === subject.length - 1 ? w.replace(/,$/u, '') : w));
  const segments: string[][] = [[]];
  for (const w of words) {
    segments.at(-1)!.push(w.replace(/,$/u, ''));
    if (/,$/u.test(w)) segments.push([]);
  }
  // An honorific opens a name ("M. Paul Martin"): kept, though "M" is also a scale word.
  const honoured = (p: string[]) => HONORIFICS.has(stripPunctuation(p[0] ?? '').toLowerCase());
  const parts = segments.map((p) => (honoured(p) ? p : trimEdges(p))).filter((p) => p.length > 0);
  const isName = (p: string[]) => p.length >= 2 && p.length <= 4 && p.every((w) => /^\p{Lu}/u.test(w) || NAME_PARTICLES.has(w));
  if (parts.length > 1) return parts.find(honoured) ?? parts.findLast(isName) ?? parts.at(-1)!;
  let start = words.length;
  while (start > 0 && /^\p{Lu}/u.test(stripPunctuation(words[start - 1]!)) && words.length - start < 2) start--;
  if (start > 0 && HONORIFICS.has(stripPunctuation(words[start - 1]!).toLowerCase())) start--;
  return words.length > 4 && start < words.length ? words.slice(start) : trimEdges(words);
}

const NAME_PARTICLES = new Set('de du des la le van von der den di da'.split(' '));
const HONORIFICS = new Set('mr mrs ms dr m mme mlle herr frau dr'.split(' '));

/**
 * Words before a figure without the figure's own period right before it: "… Handelsvolumen im
 * Jahre 2018 5,8 Mrd." is about the Handelsvolumen; the year is the figure's, not another figure.
 */
function ownPeriodOff(words: string[]): string[] {
  const last = words.length - 1;
  if (last < 1 || !isYear(words[last]!) || /[,;:.)]$/u.test(words[last]!)) return words;
  let i = last - 1;
  while (i > 0 && TIME_WORDS.has(stripPunctuation(words[i]!).toLowerCase())) i--;
  return TIME_PREPOSITIONS.has(stripPunctuation(words[i]!).toLowerCase()) ? words.slice(0, i) : words;
}

/**
 * A clause without the insertion right before its date: "… im Fürstentum, mit Sitz in Bern,
 * Anfang Juli" and "nahmen sie, auf Einladung von X, am 3. Mai … teil" say where or at whose
 * invitation, not what is dated.
 */
function withoutInsertion(words: string[]): string[] {
  let end = words.length;
  while (end > 0 && (TIME_PREPOSITIONS.has(stripPunctuation(words[end - 1]!).toLowerCase()) || TIME_EDGES.has(stripPunctuation(words[end - 1]!).toLowerCase()))) end--;
  if (end === 0 || !/,$/u.test(words[end - 1]!)) return words;
  const open = words.findLastIndex((w, i) => i < end - 1 && /,$/u.test(w));
  return open > 0 && end - open <= 7 ? words.slice(0, open + 1) : words;
}

/** Nouns that say "an amount of" and no more: a label of them alone names nothing. */
const GENERIC_VALUES = new Set(
  'amount total value sum level figure montant valeur somme niveau hauteur chiffre wert gesamtwert betrag gesamtbetrag summe höhe umfang'.split(' '),
);

/** A clause without the time phrase closing it ("… Handelsvolumen im Jahre"), unless that is all it is. */
function untimed(words: string[]): string[] {
  const kept = withoutTimePhrase(words);
  return kept.length > 0 ? kept : words;
}

/**
 * The last words of a clause, from where their noun phrase starts: not cut inside a name
 * ("l’Agence française de développement (AFD) a engagé" keeps "Agence"), and in German after the
 * verb that comes before its subject ("beträgt der gegenseitige Handelsvolumen").
 */
function phraseStart(clause: string[], lang: Lang): string[] {
  let start = Math.max(0, clause.length - MAX_LABEL_WORDS);
  const boundary = (w: string) => /[,;:)]$/u.test(w) || LINK_WORDS.has(stripPunctuation(w).toLowerCase()) || isVerb(w, undefined, lang);
  if (!boundary(clause[start] ?? ',')) {
    while (start > 0 && clause.length - start < MAX_LABEL_WORDS + 2 && !boundary(clause[start - 1]!)) start--;
  }
  let tail = clause.slice(start);
  if (lang === 'de') {
    const verb = tail.findLastIndex((w, i) => i < tail.length - 1 && VERBS.has(stripPunctuation(w).toLowerCase()) && DETERMINERS.has(stripPunctuation(tail[i + 1]!).toLowerCase()));
    if (verb !== -1 && hasContent(tail.slice(verb + 1))) tail = tail.slice(verb + 1);
  }
  return tail;
}

/** "in Genf", "à Paris", "in New York": a place right after a date, up to the clause's next word. */
function placeAfter(afterText: string): string[] {
  const words = words_(afterText);
  if (words.length < 2 || !/^(in|à|au|en|nach)$/iu.test(words[0]!)) return [];
  const place = [words[0]!];
  for (const word of words.slice(1, 4)) {
    if (!/^\p{Lu}/u.test(stripPunctuation(word)) || isNumberWord(word)) break;
    place.push(word);
    if (/[,;:.)]$/u.test(word)) break;
  }
  return place.length > 1 ? place : [];
}

/** After another figure, a coordination starts the figure's own phrase ("… market, and 13th …"). */
function withinCoordination(clause: string[], beforeText: string): string[] {
  const all = words_(beforeText).filter((w) => stripPunctuation(w) !== '');
  if (clause.length === all.length) return clause;
  const cut = clause.findLastIndex((w) => COORDINATIONS.has(stripPunctuation(w).toLowerCase()));
  return cut === -1 ? clause : clause.slice(cut + 1);
}

/**
 * The subject of "X is …" before a figure: "Trade between France and North Korea is not very
 * significant (€8.2 million …)" is about the trade, not about its significance.
 */
function subjectBeforeCopula(clause: string[], lang: Lang): string[] | null {
  const at = clause.findIndex((w) => COPULAS.has(stripPunctuation(w).toLowerCase()));
  if (at < 2) return null;
  // A long subject is named by its head ("The stock of capital invested in India by …" → "stock of capital").
  const subject = at > MAX_LABEL_WORDS ? nounPhrase(dropLeadingWeak(trimEdges(clause.slice(0, at)), true), lang) : trimEdges(clause.slice(0, at));
  return subject.length >= 2 ? subject : null;
}

const COPULAS = new Set('is are was were remains remained sont est'.split(' '));

/**
 * The noun phrase a number quantifies, when the words right after it say so: what a count
 * counts ("130 projects"), money "in"/"d’" a thing (not "in 2016"), a share "of" a whole, a rank
 * "among" its peers or the noun it ranks ("sixth-largest export market"), a measure "of" a thing
 * ("75 years of diplomatic relations"). Null when the page prints none.
 */
function quantifiedPhrase(figure: Figure, raw: string, beforeText: string, afterText: string, lang: Lang, sentence: string): string | null {
  const next = firstClause(afterText);
  const lead = stripPunctuation(next[0] ?? '').toLowerCase();
  const elided = /^[dl][’']\p{L}/u.test(lead) ? (next[0] ?? '').replace(/^[("“«]*[dDlL][’']/u, '') : null;
  const rest = (words: string[]): string | null => {
    const np = nounPhrase(words, lang);
    return np.length >= 1 && hasContent(np) ? joinLabel(np) : null;
  };
  switch (figure.kind) {
    case 'count': {
      if (QUANTIFIER_OPENING.test(raw)) return presenceLabel(countedNoun(raw), next);
      const counted = countedNoun(raw);
      if (counted.length > 0 && !GENERIC_COUNTED.test(stripPunctuation(counted[0]!))) {
        const after = withoutTimePhrase(dropLeadingWeak(trimEdges(stopAtRelative([...counted, ...next]).slice(0, MAX_LABEL_WORDS)), false));
        if (after.length >= 1 && hasContent(after)) return joinLabel(after);
      }
      if (counted.length === 0 && !/\d/u.test(raw)) {
        const after = dropLeadingWeak(trimEdges(stopAtRelative(next).slice(0, MAX_LABEL_WORDS)), false);
        if (after.length >= 2 && hasContent(after)) return joinLabel(after);
      }
      return null;
    }
    case 'money':
      if ((lead === 'in' || lead === 'en' || lead === 'of') && next.length > 1 && !isFigureWord(next[1]!)) return rest(next.slice(1));
      if (elided !== null && lead.startsWith('d')) return rest([elided, ...next.slice(1)]);
      return null;
    case 'percent': {
      if (elided !== null && lead.startsWith('d')) return rest([elided, ...next.slice(1)]);
      if (['of', 'du', 'des', 'de', 'der', 'des', 'aller'].includes(lead) && next.length > 1) {
        const np = rest(next.slice(1));
        return np === null ? null : lead === 'of' ? `share of ${np}` : np;
      }
      return null;
    }
    case 'measure': {
      if (['of', 'de', 'du', 'des'].includes(lead) && next.length > 1 && !isFigureWord(next[1]!)) return rest(next.slice(1));
      if (elided !== null && lead.startsWith('d')) return rest([elided, ...next.slice(1)]);
      return null;
    }
    case 'rank': {
      if ((lead === 'among' || lead === 'amongst') && next.length > 1) {
        const np = rest(next.slice(1));
        if (np !== null) return `rank among ${np}`;
      }
      // The noun the rank ranks: the raw text's own words ("ranking supplier") and those after it
      // (a rank printed twice in its sentence, "9. Kunde und 9. Lieferant", cannot say which).
      if (sentence.indexOf(raw) !== sentence.lastIndexOf(raw)) return null;
      const own = words_(raw).filter((w) => !isNumberWord(w) && !RANKING_WORDS.test(stripPunctuation(w)));
      const noun = nounPhrase([...own, ...(own.length > 0 && /[,;:)]$/u.test(raw) ? [] : next)], lang);
      if (noun.length === 0 || !hasContent(noun)) return null;
      // "France’s 153th ranking supplier": the rank as what, for whom.
      const owner = words_(beforeText).at(-1);
      if (owner !== undefined && /['’]s$/u.test(owner)) return `rank as ${stripPunctuation(owner)} ${joinLabel(noun)}`;
      // "la Croatie est devenue le 28ème Etat de l’UE": whose rank, from the subject of its verb.
      const subject = rankedSubject(words_(beforeText));
      return subject === null ? joinLabel(noun) : `${joinLabel(noun)} (${subject})`;
    }
    default:
      return null;
  }
}

/**
 * The name a rank is said of, when it is the complement of its verb: "Croatia became the 28th
 * member", "la Croatie est devenue le 28ème Etat", "Bayern ist das drittgrößte …". Only a short
 * capitalised name right before the verb, so no clause of its own is taken.
 */
function rankedSubject(before: string[]): string | null {
  let end = before.length;
  while (end > 0 && DETERMINERS.has(stripPunctuation(before[end - 1]!).toLowerCase())) end--;
  let verb = end;
  while (verb > 0 && (COPULAS.has(stripPunctuation(before[verb - 1]!).toLowerCase()) || BECOME.has(stripPunctuation(before[verb - 1]!).toLowerCase()))) verb--;
  if (verb === end || verb === 0) return null;
  let start = verb;
  while (start > 0 && verb - start < 3 && /^\p{Lu}/u.test(stripPunctuation(before[start - 1]!)) && !/[,;:]$/u.test(before[start - 1]!)) start--;
  if (start === verb || (start > 0 && !DETERMINERS.has(stripPunctuation(before[start - 1]!).toLowerCase()) && !/[,;:]$/u.test(before[start - 1]!))) return null;
  const name = dropLeadingWeak(trimEdges(before.slice(start, verb)), false);
  return name.length > 0 && hasContent(name) ? joinLabel(name) : null;
}

const BECOME = new Set('became become becomes devenue devenu devenus devenues devient deviennent wurde geworden wird'.split(' '));

/** What counts only people or times, not which ones: the words around say ("1.4 million people" of Indian heritage). */
const GENERIC_COUNTED = /^(times|fois|mal|people|persons|personnes|personen|menschen)$/iu;

/** Words of a rank that say it is a rank, not what it ranks ("largest", "ranking", "größte"). */
const RANKING_WORDS = /^(rank|ranks|ranking|ranked|largest|biggest|leading|highest|lowest|most|größte\p{L}*|wichtigste\p{L}*|plus|grand|grande|premier|première|rang)$/iu;

/** The words of the figure's own clause: after the last other figure, clause mark, or — after a figure — coordination. */
function ownClause(words: string[]): { words: string[]; fromStart: boolean } {
  let start = 0;
  words.forEach((word, i) => {
    if ((/\d/u.test(word) && !isYear(word)) || /[;:.]$/u.test(word)) start = i + 1;
  });
  while (start > 0 && start < words.length && /\d/u.test(words[start - 1]!) && UNIT_TOKENS.test(words[start]!)) start++;
  let clause = words.slice(start);
  let fromStart = start === 0;
  if (!fromStart) {
    const cut = clause.findLastIndex((w) => COORDINATIONS.has(stripPunctuation(w).toLowerCase()));
    // "… folgte im November sowie im September 2015": nothing after the coordination but a link, so the clause goes on.
    if (cut !== -1 && hasContent(clause.slice(cut + 1))) clause = clause.slice(cut + 1);
  }
  clause = clause.filter((w) => stripPunctuation(w) !== '');
  if (clause.length === 0) fromStart = false;
  return { words: clause, fromStart };
}

function isYear(word: string): boolean {
  return /^\(?(1[6-9]|20)\d\d[,.;:)]*$/u.test(word);
}

/**
 * The subject before the clause's first verb: "Canada’s merchandise exports to India were …" →
 * "Canada’s merchandise exports to India"; an opening phrase before a comma ("In that year,",
 * "Depuis 1994,") goes, and so do pronouns ("It", "Sie"), which name nothing.
 */
function subjectOf(words: string[], lang: Lang, isDate: boolean): string | null {
  let start = 0;
  for (let round = 0; round < 2; round++) {
    const comma = words.findIndex((w, i) => i >= start && /,$/u.test(w));
    const verb = words.findIndex((w, i) => i >= start && isVerb(w, words[i - 1], lang));
    if (comma === -1 || (verb !== -1 && verb < comma) || comma - start > 4) break;
    // An opening phrase ("In that year,", "Depuis 1994,", "Today,"), not a subject with its apposition.
    const first = stripPunctuation(words[start]!).toLowerCase();
    const opening = PREPOSITIONS.has(first) || WEAK.has(first) || comma === start || words.slice(start, comma + 1).some((w) => isFigureWord(w));
    if (!opening) break;
    start = comma + 1;
  }
  const verb = words.findIndex((w, i) => i >= start && isVerb(w, i > start ? words[i - 1] : undefined, lang));
  if (verb <= start) return null;
  let subject = words.slice(start, verb);
  const numberAt = subject.findIndex((w) => /\d/u.test(w) || isFigureWord(w));
  if (numberAt !== -1) subject = subject.slice(0, numberAt);
  const comma = subject.findIndex((w) => /,$/u.test(w));
  if (comma !== -1 && comma < subject.length - 1) subject = subject.slice(0, comma + 1);
  subject = dropLeadingWeak(trimEdges(subject), true);
  if (subject.length > MAX_LABEL_WORDS) subject = trimEdges(isDate ? subject.slice(-4) : subject.slice(0, MAX_LABEL_WORDS));
  return subject.length > 0 && hasContent(subject) ? joinLabel(subject) : null;
}

/** The noun phrase between the clause's last verb and the figure: "have a population of" → "population". */
function phraseBefore(words: string[], lang: Lang): string | null {
  const verb = words.findLastIndex((w, i) => isVerb(w, words[i - 1], lang));
  let phrase = words.slice(verb + 1);
  const comma = phrase.findLastIndex((w, i) => i < phrase.length - 1 && /[,(]$/u.test(w));
  if (comma !== -1) phrase = phrase.slice(comma + 1);
  phrase = dropLeadingWeak(trimEdges(stopAtRelative(phrase)), true);
  if (phrase.some((w) => /\d/u.test(w))) return null;
  if (phrase.length > MAX_LABEL_WORDS) phrase = trimEdges(phrase.slice(0, MAX_LABEL_WORDS));
  if (phrase.every((w) => GENERIC_VALUES.has(stripPunctuation(w).toLowerCase()) || EDGE_WORDS.has(stripPunctuation(w).toLowerCase()))) return null;
  return phrase.length > 0 && hasContent(phrase) ? joinLabel(phrase) : null;
}

/**
 * The event a date dates, when its sentence names one: the event noun nearest the date with no
 * other figure between them, with a name before it ("Elysée Summit") and what follows it ("visite
 * officielle en France", "Treffen mit den Premierministern").
 */
function eventPhrase(before: string[], after: string[], lang: Lang, reach = 4): string | null {
  const isEvent = (word: string) => {
    const w = stripPunctuation(word).toLowerCase().replace(/^[dl][’']/u, '');
    return EVENTS.has(w) || EVENTS.has(w.replace(/s$/u, '')) || (lang === 'de' && /^\p{Lu}/u.test(stripPunctuation(word)) && [...EVENTS].some((e) => e.length >= 5 && w.endsWith(e)));
  };
  const candidates: Array<{ words: string[]; at: number; distance: number }> = [];
  for (let i = before.length - 1; i >= 0; i--) {
    if (/\d/u.test(before[i]!) && !isYear(before[i]!)) break;
    if (isEvent(before[i]!)) candidates.push({ words: before, at: i, distance: before.length - i });
  }
  // The clause after the date is its own when the date closes a phrase that says something
  // ("Following the kidnapping … in April 2014, a summit was held …": the summit is not dated by
  // it) or follows its verb ("besuchte am 17. Juni Paris zu einem Gespräch": the visit is).
  const closesPhrase = (after[0] !== undefined && /^,/u.test(after[0]) && hasContent(before));
  const afterVerb = before.length >= 2 && isVerb(before.at(-2)!, before.at(-3), lang) && TIME_PREPOSITIONS.has(stripPunctuation(before.at(-1)!).toLowerCase());
  let attached = false;
  for (let i = 0; i < after.length && !closesPhrase; i++) {
    const w = stripPunctuation(after[i]!).toLowerCase();
    // After its verb, the date is followed by what the verb governs; an event in a phrase
    // attached to that ("Paris zu einem Gespräch") is not what is dated.
    if (PREPOSITIONS.has(w) && hasContent(after.slice(0, i))) attached = true;
    if (afterVerb && attached) break;
    if ((/\d/u.test(after[i]!) && !isYear(after[i]!)) || /;$/u.test(after[i]!)) break;
    // "… 1992 et les accords …": a coordination before a determiner opens another clause.
    if (COORDINATIONS.has(w) && DETERMINERS.has(stripPunctuation(after[i + 1] ?? '').toLowerCase())) break;
    // An event named as the occasion ("en marge du sommet", "on the sidelines of") is not the one dated.
    const occasion = after.slice(Math.max(0, i - 3), i).some((x) => OCCASION_WORDS.has(stripPunctuation(x).toLowerCase().replace(/^\p{L}[’']/u, '')));
    if (isEvent(after[i]!)) candidates.push({ words: after, at: i, distance: i + 1 + (occasion ? 3 : 0) });
  }
  const best = candidates.sort((a, b) => a.distance - b.distance)[0];
  if (best === undefined || best.distance > reach) return null;
  const head = best.words[best.at]!.replace(/^[("“«]*[dDlL][’'](?=\p{L})/u, '');
  const name = best.at > 0 ? stripPunctuation(best.words[best.at - 1]!) : '';
  const lead = /^\p{Lu}/u.test(name) && !DETERMINERS.has(name.toLowerCase()) && !/[,;:]$/u.test(best.words[best.at - 1]!) && (best.words === after || best.at > 1) ? [name] : [];
  const np = nounPhrase([...lead, head, ...best.words.slice(best.at + 1)], lang);
  return np.length > 0 ? joinLabel(np) : null;
}

/** How far after a date its clause may name the event, when nothing before the date does. */
const MAX_EVENT_REACH = 12;

/** Words that name an occasion, not the event: "en marge du sommet", "on the sidelines of", "am Rande", "à l’occasion de". */
const OCCASION_WORDS = new Set('sidelines margins margin occasion marge rande anlässlich'.split(' '));

/**
 * A dated clause without its time phrase: "Germany held the rotating EU presidency in North
 * Korea for the first six months of" → "… presidency in North Korea"; a clause left with its verb
 * only ("They were strengthened" → "strengthened") takes its subject from a closing parenthesis
 * ("(sectoral sanctions and individual designations)") when the page gives one.
 */
function datedClause(words: string[], sentence: string): string[] {
  let kept = withoutTimePhrase(words);
  // "… Anfang", "… début", "early": the part of the month the date is, not what it dates.
  while (kept.length > 1 && TIME_EDGES.has(stripPunctuation(kept.at(-1)!).toLowerCase())) kept = kept.slice(0, -1);
  const source = kept.length >= 1 ? kept : words;
  // The window does not start at a name's particle ("… Bruno Le Maire, s’est rendu …" keeps "Bruno").
  let from = Math.max(0, source.length - MAX_LABEL_WORDS);
  const particle = (w: string) => /^\p{Lu}/u.test(w) && EDGE_WORDS.has(w.toLowerCase());
  if (from > 0 && particle(source[from]!) && /^\p{Lu}/u.test(source[from - 1]!) && !/,$/u.test(source[from - 1]!)) from--;
  let clause = trimEdges(source.slice(from));
  // "… Transition, Ms Ann Lee, visited Oslo": from the name in apposition, without its commas.
  const first = clause.findIndex((w, i) => i < clause.length - 1 && /,$/u.test(w));
  if (first !== -1 && clause.slice(first + 1, -1).some((w) => /,$/u.test(w))) clause = clause.slice(first + 1);
  clause = clause.map((w, i) => (/,$/u.test(w) && i < clause.length - 1 && isVerb(clause[i + 1]!.replace(/^\p{L}[’']/u, ''), undefined, 'en') ? w.slice(0, -1) : w));
  if (clause.length === 1) {
    const subject = closingParenthesisNoun(sentence);
    if (subject.length > 0) return [...subject, ...clause];
  }
  return clause;
}

/** Words without a closing time phrase ("… for the first six months of", "projects for the period"). */
function withoutTimePhrase(words: string[]): string[] {
  let cut = words.length;
  for (let i = words.length - 1; i >= 0; i--) {
    const w = stripPunctuation(words[i]!).toLowerCase();
    if (TIME_PREPOSITIONS.has(w)) {
      cut = i;
      break;
    }
    if (!TIME_WORDS.has(w)) break;
  }
  return cut === words.length ? words : trimEdges(words.slice(0, cut));
}

/** A relative clause ends a name: "two French NGOs that have been working …" → "French NGOs". */
function stopAtRelative(words: string[]): string[] {
  const at = words.findIndex((w, i) => i > 0 && /^(that|which|who|whose|qui|que|die|der)$/iu.test(stripPunctuation(w)));
  return at === -1 ? words : words.slice(0, at);
}

const TIME_EDGES = new Set('anfang ende mitte beginn early late mid début fin mi'.split(' '));
const TIME_PREPOSITIONS = new Set('in on since from for during until till by at between depuis en le au dès seit am im'.split(' '));
const TIME_WORDS = new Set(
  (
    'the a of first last early late end start beginning middle mid half one two three four five six seven eight nine ten ' +
    'twelve months month years year weeks week days quarter quarters period jahr jahre jahres anfang ende mitte beginn ' +
    'année années début fin mi'
  ).split(' '),
);

/** The first noun phrase of a parenthesis closing the sentence: "(sectoral sanctions and …)". */
function closingParenthesisNoun(sentence: string): string[] {
  const m = /\(([^()]+)\)[.!?]?$/u.exec(sentence);
  if (!m || /\d/u.test(m[1]!)) return [];
  const out: string[] = [];
  for (const word of words_(m[1]!)) {
    if (/^(and|or|,|et|und)$/iu.test(word)) break;
    out.push(stripPunctuation(word));
    if (/[,;]$/u.test(word) || out.length >= 3) break;
  }
  return out;
}

/**
 * The text before a list of figures: for "strengthened in May 2016, on 6 April and 16 October
 * 2017", the later dates are preceded by nothing but links ("on", "and"), so they share the head
 * of the first one.
 */
function listHead(text: string): string {
  let words = words_(text);
  for (;;) {
    let i = words.length;
    while (i > 0 && !isFigureWord(words[i - 1]!) && isLink(words[i - 1]!)) i--;
    // "im November des gleichen Jahres sowie im September": a short phrase qualifying the earlier date.
    if (i < words.length && i > 0 && !isFigureWord(words[i - 1]!)) {
      const at = words.slice(Math.max(0, i - 4), i).findIndex((w) => isFigureWord(w));
      const phrase = at === -1 ? [] : words.slice(Math.max(0, i - 4) + at + 1, i);
      if (phrase.length > 0 && ['des', 'du', 'de', 'of'].includes(phrase[0]!.toLowerCase()) && phrase.every((w) => !/[,;:.]$/u.test(w))) i -= phrase.length;
    }
    if (i === words.length || i === 0 || !isFigureWord(words[i - 1]!)) return words.join(' ');
    // Step back over the earlier figure (its number and the words of its date).
    let j = i - 1;
    while (j > 0 && isFigureWord(words[j - 1]!)) j--;
    words = words.slice(0, j);
  }
}

function isLink(word: string): boolean {
  const w = stripPunctuation(word).toLowerCase();
  return w === '' || ['and', 'or', 'on', 'in', 'then', 'et', 'le', 'en', 'und', 'sowie', 'am', 'im'].includes(w);
}

/** Pronouns name nothing; before a figure, auxiliaries and "also" only link ("It also provided"). */
function dropLeadingWeak(words: string[], auxiliaries: boolean): string[] {
  let start = 0;
  while (start < words.length) {
    const w = stripPunctuation(words[start]!).toLowerCase();
    if (PRONOUNS.has(w) || LEADING_SUBORDINATORS.has(w) || (auxiliaries && AUXILIARIES.has(w))) start++;
    else break;
  }
  return words.slice(start);
}

/** A subordinating word opens a clause, it names nothing: "Obwohl die Erste Republik …". */
const LEADING_SUBORDINATORS = new Set('although because whereas when while obwohl weil nachdem wenn lorsque quand puisque bien'.split(' '));
const PRONOUNS = new Set('it they them he she we you us il elle ils elles on er sie es'.split(' '));
const AUXILIARIES = new Set('also still already has have had is are was were be been being will would did does do'.split(' '));

/** Prepositions of a place a presence is said of: "in the country", "dans le pays", "en Corée", "im Land". */
const PRESENCE_PLACES = new Set('in at dans en au aux à im'.split(' '));
/** Words looked at, after the counted noun, for its place ("is represented | in the country", "ist | in Nordkorea"). */
const PRESENCE_REACH = 3;
const MAX_PLACE_WORDS = 4;

/**
 * A count of none or of one ("no French companies working in the country", "One French company is
 * represented in the country"): what is counted, and where, as printed — "French companies in the
 * country", "French company in the country" — without the verb of presence, which is how each
 * revision says it ("working", "is represented") and no part of what is counted.
 */
function presenceLabel(counted: string[], next: string[]): string | null {
  if (counted.length === 0 || !hasContent(counted)) return null;
  const at = next.slice(0, PRESENCE_REACH).findIndex((w) => PRESENCE_PLACES.has(stripPunctuation(w).toLowerCase()));
  const place: string[] = [];
  if (at !== -1 && !/[,;:.)]$/u.test(counted.at(-1)!)) {
    for (const word of next.slice(at, at + MAX_PLACE_WORDS + 1)) {
      const w = stripPunctuation(word).toLowerCase();
      if (place.length > 0 && (RELATIVES.has(w) || COORDINATIONS.has(w) || /^(vertreten|tätig|präsent|ansässig|aktiv)$/u.test(w))) break;
      place.push(word);
      if (/[,;:.)]$/u.test(word)) break;
    }
  }
  const label = trimEdges([...counted, ...place]);
  return label.length > 0 ? joinLabel(label) : null;
}

/**
 * The words of a count's raw text after its number: "130 projects" → ["projects"], "mehr als
 * 7.500 deutschen Firmen" → ["deutschen", "Firmen"], "1.8 million Canadians" → ["Canadians"]. A
 * count's number is digits or one of the extractor's number words, the only ones it reads as a
 * count; an approximation before it ("mehr als", "près de") is no part of what it counts.
 */
function countedNoun(raw: string): string[] {
  // "no French companies", "une seule entreprise française": a count in words of none or one.
  const quantifier = QUANTIFIER_OPENING.exec(raw);
  if (quantifier !== null) return words_(raw.slice(quantifier[0].length));
  const words = words_(raw);
  const at = words.findIndex((w) => /\d/u.test(w) || NUMBER_NAMES.has(w.toLowerCase()));
  if (at === -1) return [];
  let end = at + 1;
  while (end < words.length && (/^\d/u.test(words[end]!) || SCALE_NAMES.has(stripPunctuation(words[end]!).toLowerCase()))) end++;
  return words.slice(end);
}

/** Words of the text after its last number or clause mark, so the label names this figure only. */
function lastClause(text: string): string[] {
  const words = ownPeriodOff(words_(text));
  let start = 0;
  words.forEach((word, i) => {
    if (isFigureWord(word) || /[;:.]$/u.test(word)) start = i + 1;
  });
  // The unit of the figure before ("um 1,1 % auf einen Gesamtwert") is that figure's.
  while (start > 0 && start < words.length && /\d/u.test(words[start - 1]!) && UNIT_TOKENS.test(words[start]!)) start++;
  return words.slice(start).filter((w) => stripPunctuation(w) !== '');
}

/** A currency printed before its number ("EUR 49,1 Mrd.", "US$ 3 billion"): the start of another figure. */
const CURRENCY_CODES = /^(?:EUR|USD|CHF|GBP|CAD|AUD|NZD|JPY|CNY|INR|US\$|A\$|C\$|\$|€|£)$/u;
/** A unit printed after its number: "%", a currency sign or code, a scale ("Mrd.", "millions"). */
const UNIT_TOKENS = /^(?:%|€|\$|£|EUR|USD|CHF|Mrd\.?|Mio\.?|Md€|M€|Mds€|Prozent|percent|pour cent)[,;:.)]*$/iu;

function firstClause(text: string): string[] {
  const out: string[] = [];
  for (const word of words_(text)) {
    // Another figure's number, month or currency ("… auf einen Gesamtwert von EUR 49,1 Mrd.") ends
    // it, and so does a dash, which opens an aside ("EUR 39 Mrd. – im Vergleich zum Vorjahr …").
    if (isFigureWord(word) || /^[([]/u.test(word) || CURRENCY_CODES.test(word) || /^[–—-]$/u.test(word)) break;
    if (stripPunctuation(word) === '') {
      // Punctuation right after the figure ("2006, the EU began…") does not end the label.
      if (out.length === 0) continue;
      break;
    }
    out.push(word);
    if (/[;:.,)]$/u.test(word)) break;
  }
  return out;
}
