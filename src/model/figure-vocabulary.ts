/**
 * The words of figures, per language (English, French, German): what the extractor recognises
 * figures by, what the diff leaves out when it compares two figures' sentences, and what describe
 * knows a label must not be made of (months, number and scale words).
 *
 * Kept as data in one place so that adding a language is adding a table, not touching the
 * recognisers — and so that the stages reading figures cannot disagree about which words are
 * months or numbers (the labels once had their own list, with no German months). Unknown
 * languages fall back to English: the site's pages are en/fr/de, and an English reading of
 * digits is the least surprising default.
 */

/** The languages with their own tables. */
export const FIGURE_LANGUAGES = ['en', 'fr', 'de'] as const;
export type FigureLanguage = (typeof FIGURE_LANGUAGES)[number];

/** Maps a BCP 47 tag ("fr-FR", "de") to a language we have tables for. */
export function pickLanguage(language: string): FigureLanguage {
  const primary = language.toLowerCase().split(/[-_]/)[0];
  return primary === 'fr' || primary === 'de' ? primary : 'en';
}

/** Cardinal number words a page writes instead of digits ("two French NGOs", "trois grands secteurs"). */
export const NUMBER_WORDS: Record<FigureLanguage, Record<string, number>> = {
  en: {
    two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
    eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
    seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
    sixty: 60, seventy: 70, eighty: 80, ninety: 90, dozen: 12,
  },
  fr: {
    deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10,
    onze: 11, douze: 12, treize: 13, quatorze: 14, quinze: 15, seize: 16, vingt: 20,
    trente: 30, quarante: 40, cinquante: 50, soixante: 60, douzaine: 12,
  },
  de: {
    zwei: 2, drei: 3, vier: 4, 'fünf': 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10,
    elf: 11, 'zwölf': 12, zwanzig: 20, 'dreißig': 30, vierzig: 40, 'fünfzig': 50,
  },
};

/**
 * Ordinal words; only read as a rank beside a ranking word or a ranked noun ("third-largest",
 * "troisième partenaire", "9e sommet", "third nuclear test"), after a ranking verb
 * ("ranking second") or before "in the …"/"since …" ("fourth in the world", "der dritte seit
 * 1910"). Compounds take a tens word first ("twenty-first", "vingt-cinquième"; see
 * ORDINAL_TENS).
 */
export const ORDINAL_WORDS: Record<FigureLanguage, Record<string, number>> = {
  en: {
    first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8,
    ninth: 9, tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14,
    fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19,
    twentieth: 20, thirtieth: 30, fortieth: 40, fiftieth: 50, sixtieth: 60, seventieth: 70,
    eightieth: 80, ninetieth: 90, hundredth: 100,
  },
  fr: {
    premier: 1, 'première': 1, second: 2, seconde: 2, 'deuxième': 2, 'troisième': 3,
    'quatrième': 4, 'cinquième': 5, 'sixième': 6, 'septième': 7, 'huitième': 8, 'neuvième': 9,
    'dixième': 10, 'onzième': 11, 'douzième': 12, 'treizième': 13, 'quatorzième': 14,
    'quinzième': 15, 'seizième': 16, 'dix-septième': 17, 'dix-huitième': 18, 'dix-neuvième': 19,
    'vingtième': 20, 'trentième': 30, 'quarantième': 40, 'cinquantième': 50, 'soixantième': 60,
    'soixante-dixième': 70, 'quatre-vingtième': 80, 'centième': 100,
  },
  // German ordinals are written as stems, fused with the adjective ("drittgrößter") or inflected
  // ("der dritte Staatsbesuch").
  de: {
    erst: 1, zweit: 2, dritt: 3, viert: 4, 'fünft': 5, sechst: 6, siebt: 7, acht: 8, neunt: 9,
    zehnt: 10, elft: 11, 'zwölft': 12, dreizehnt: 13, vierzehnt: 14, 'fünfzehnt': 15,
    sechzehnt: 16, siebzehnt: 17, achtzehnt: 18, neunzehnt: 19, zwanzigst: 20, 'dreißigst': 30,
    vierzigst: 40, 'fünfzigst': 50, sechzigst: 60, siebzigst: 70, achtzigst: 80, neunzigst: 90,
    hundertst: 100,
  },
};

/** Tens words that open a compound ordinal: "twenty-first" (21), "vingt-cinquième" (25). */
export const ORDINAL_TENS: Record<FigureLanguage, Record<string, number>> = {
  en: { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 },
  fr: { vingt: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60 },
  de: {},
};

/** Words that make an ordinal a rank ("third-largest trading partner", "2e fournisseur"). */
export const RANK_CONTEXT: Record<FigureLanguage, string[]> = {
  en: ['largest', 'biggest', 'leading', 'ranking', 'ranked', 'most', 'highest', 'lowest',
    'partner', 'supplier', 'customer', 'client', 'economy', 'place', 'position'],
  fr: ['rang', 'place', 'position', 'partenaire', 'fournisseur', 'client', 'économie',
    'puissance', 'plus', 'pays', 'investisseur', 'exportateur', 'importateur', 'mondial',
    'mondiale', 'contributeur', 'bailleur', 'donateur'],
  de: ['größte', 'wichtigste', 'stärkste', 'Platz', 'Rang', 'Stelle'],
};

/**
 * Nouns an ordinal ranks ("20th President", "25e anniversaire", "9e sommet", "third nuclear
 * test", "der dritte Staatsbesuch"): they complete the rank's raw text and its key, the way
 * "ranking supplier" completes "153th". A century is not among them: "21st century" is a name
 * of a time, not a figure; nor is a session ("the first session of political dialogue", "la
 * sixième session de la commission mixte"): the readers of the development corpus read a
 * session's number as the name of the meeting, the way a revision's number names a text ("2nd
 * revision of the Cotonou Agreement"), see find-non-figures.ts.
 */
export const RANK_NOUNS: Record<FigureLanguage, string[]> = {
  en: ['President', 'Prime Minister', 'anniversary', 'edition', 'summit', 'meeting',
    'round', 'congress', 'plenary', 'conference', 'test', 'state visit'],
  fr: ['président', 'anniversaire', 'édition', 'sommet', 'réunion', 'congrès',
    'conférence', 'plénière', 'essai', 'visite d’État', "visite d'État"],
  de: ['Staatsbesuch', 'Gipfel', 'Gipfeltreffen', 'Jahrestag',
    'Jubiläum', 'Konferenz', 'Runde', 'Atomtest', 'Test'],
};

/** Verbs after which an ordinal word is a rank: "ranking second", "se classe troisième". */
export const RANK_VERBS: Record<FigureLanguage, string[]> = {
  en: ['ranks', 'ranked', 'ranking', 'rank', 'placed', 'ranked as', 'rated'],
  fr: ['se classe', 'classé', 'classée', 'se place', 'arrive'],
  de: ['rangiert', 'liegt an', 'steht an'],
};

/** What may follow an ordinal word to make it a rank: "fourth in the world", "der dritte seit 1910". */
export const RANK_AFTER: Record<FigureLanguage, string[]> = {
  en: ['in the', 'among', 'worldwide', 'globally', 'since'],
  fr: ['au monde', 'dans le monde', 'mondial', 'depuis', 'au classement', 'parmi'],
  de: ['weltweit', 'seit', 'in der Welt'],
};

/**
 * A group of the first N — "among the three leading foreign investors", "parmi les cinq premiers
 * fournisseurs", "unter den zehn wichtigsten Partnern": the words before the number and the
 * ranking words after it. The figure is a rank (France is in the top three), not a count of
 * investors. Negated ("no longer among the ten largest", "gehörte nicht mehr zu den zehn
 * wichtigsten"), the subject holds no rank there, and the number is the size of the group: a
 * count (`negations`, looked for in the few words before).
 */
export const TOP_GROUP: Record<FigureLanguage, { before: string[]; after: string[]; negations: string[] }> = {
  en: { before: ['among the', 'one of the', 'among its'], after: ['leading', 'largest', 'biggest', 'main', 'major', 'top'],
    negations: ['not', 'no longer', 'never', 'nor'] },
  fr: { before: ['parmi les', 'l’un des', "l'un des", 'l’une des', "l'une des", 'au rang des'], after: ['premiers', 'premières', 'principaux', 'principales', 'plus grands', 'plus importants'],
    negations: ['pas', 'plus', 'jamais', 'ni'] },
  de: { before: ['unter den', 'zu den', 'einer der', 'eines der'], after: ['größten', 'wichtigsten', 'führenden', 'bedeutendsten', 'ersten'],
    negations: ['nicht', 'nicht mehr', 'kein', 'keine', 'nie'] },
};

/** Scale words after a number: "€8.2 million", "7 millions d’euros", "1,16 Mrd. Euro". */
export const SCALE_WORDS: Record<FigureLanguage, Record<string, number>> = {
  en: {
    thousand: 1e3, million: 1e6, millions: 1e6, m: 1e6, mn: 1e6, billion: 1e9, billions: 1e9,
    bn: 1e9, trillion: 1e12,
  },
  fr: {
    mille: 1e3, million: 1e6, millions: 1e6, milliard: 1e9, milliards: 1e9, md: 1e9, mds: 1e9,
    mrd: 1e9, 'md.': 1e9, 'mds.': 1e9,
  },
  de: {
    tausend: 1e3, million: 1e6, millionen: 1e6, 'mio.': 1e6, mio: 1e6, milliarde: 1e9,
    milliarden: 1e9, 'mrd.': 1e9, mrd: 1e9, billion: 1e12, billionen: 1e12,
  },
};

/**
 * Words that make a figure approximate or a bound ("more than 1.8 million Canadians", "près de
 * 10 %", "rund 36.000"): read as part of the figure's raw text, right before it, up to two of
 * them ("knapp über 30 %"), but not as part of its key — "près de 3 000" → "plus de 5 000" is
 * one figure changed. Lower case; matched case-insensitively, whole words.
 */
export const APPROXIMATIONS: Record<FigureLanguage, string[]> = {
  en: ['about', 'around', 'approximately', 'almost', 'nearly', 'over', 'more than',
    'less than', 'fewer than', 'close to', 'roughly', 'some', 'at least', 'up to', 'just over',
    'just under', 'well over', 'under', 'an estimated', 'estimated at', 'upwards of'],
  fr: ['environ', 'près de', 'plus de', 'moins de', 'presque', 'quelque', 'autour de',
    'jusqu’à', "jusqu'à", 'au moins', 'quasiment', 'pas moins de', 'un peu plus de', 'un peu moins de',
    'estimé à', 'estimée à', 'estimés à', 'estimées à', 'de l’ordre de', "de l'ordre de", 'approximativement'],
  de: ['rund', 'etwa', 'ca.', 'circa', 'knapp', 'fast', 'über', 'mehr als', 'weniger als', 'beinahe',
    'nahezu', 'annähernd', 'gut', 'bis zu', 'mindestens', 'ungefähr', 'schätzungsweise'],
};

/**
 * Collective number words, approximate by nature ("une centaine de projets", "a dozen
 * countries", "ein Dutzend Staaten"): read as counts with their article ("une centaine").
 */
export const COLLECTIVE_NUMBERS: Record<FigureLanguage, Record<string, number>> = {
  en: {},
  fr: {
    dizaine: 10, douzaine: 12, quinzaine: 15, vingtaine: 20, trentaine: 30, quarantaine: 40,
    cinquantaine: 50, soixantaine: 60, centaine: 100, millier: 1000,
  },
  de: { dutzend: 12, hundert: 100 },
};

/** Month names (lower case) to month numbers, for the month+year forms chrono misses ("Stand: März 2011"). */
export const MONTHS: Record<FigureLanguage, Record<string, number>> = {
  en: {
    january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8,
    september: 9, october: 10, november: 11, december: 12,
  },
  fr: {
    janvier: 1, 'février': 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7,
    'août': 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, 'décembre': 12, decembre: 12,
  },
  de: {
    januar: 1, 'jänner': 1, februar: 2, 'märz': 3, april: 4, mai: 5, juni: 6, juli: 7,
    august: 8, september: 9, oktober: 10, november: 11, dezember: 12,
  },
};

/** Short and unaccented spellings of months that revision stamps use ("Stand: Okt. 2016", "janv. 2020", "Maerz 2011"). */
export const MONTH_ABBREVIATIONS: Record<FigureLanguage, Record<string, number>> = {
  en: { jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12 },
  fr: { janv: 1, 'févr': 2, fevr: 2, avr: 4, juil: 7, sept: 9, oct: 10, nov: 11, 'déc': 12, dec: 12 },
  de: { jan: 1, feb: 2, maerz: 3, marz: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, okt: 10, nov: 11, dez: 12 },
};

/**
 * Nouns of people counted ("1920 personnes", "rund 1900 Personen", "2,500 people"): a
 * four-digit number right before one is a count, not a year — no page writes "1920 persons" to
 * mean the year.
 */
export const PEOPLE_NOUNS: Record<FigureLanguage, string[]> = {
  en: ['people', 'persons', 'residents', 'nationals', 'citizens', 'inhabitants', 'students', 'employees', 'workers', 'members', 'staff'],
  fr: ['personnes', 'résidents', 'ressortissants', 'habitants', 'citoyens', 'étudiants', 'salariés', 'employés', 'membres', 'inscrits'],
  de: ['Personen', 'Menschen', 'Einwohner', 'Bürger', 'Staatsangehörige', 'Studierende', 'Studenten', 'Mitarbeiter', 'Beschäftigte', 'Mitglieder'],
};

/**
 * "One" in each language: no count on its own ("one of the …", "une semaine"), but one inside a
 * distribution's list ("deux à Paris et une à Hanoï").
 */
export const ONE_WORDS: Record<FigureLanguage, string[]> = { en: ['one'], fr: ['un', 'une'], de: ['ein', 'eine', 'einer', 'eins'] };

/**
 * The words of counts of none and of one (src/extract/figures/recognize-presence-count.ts): "There
 * are no French companies working in the country", "One French company is represented",
 * "il n’y a aucune entreprise française", "une seule entreprise française est représentée", "es
 * gibt keine französischen Unternehmen", "nur ein französisches Unternehmen". "No", "one",
 * "aucun", "kein" are very often not quantities ("no longer", "no doubt", "one of the", "one
 * must", "aucun doute", "kein Zweifel", and "une"/"ein" are articles), so each is read only in a
 * frame that makes it one: an existential ("there are …", "il n’y a …", "es gibt …"), or opening
 * a clause whose verb says presence ("… is represented", "… n’est présente", "… ist … tätig"), and
 * the counted noun must be an entity the page could count (`entities`) or be said present.
 * Lower case; phrases match a no-break space too.
 */
export interface PresenceCountWords {
  /** Determiners of none: "no", "aucune", "keine". Only in a frame. */
  none: string[];
  /** None, only after an existential: "(il n’y a) pas d’entreprise". */
  noneAfterExistential: string[];
  /** "One" itself: only in a frame ("there is one …", "One French company is represented"). */
  one: string[];
  /** One, only after an existential: "(il n’y a) qu’une entreprise". */
  oneAfterExistential: string[];
  /** Exactly one, said so ("only one", "une seule", "ein einziges", "nur ein"): before an entity anywhere, else in a frame. */
  onlyOne: string[];
  /** What opens an existential: "there are", "il n’y a", "es gibt" (up to three words may follow before the quantifier). */
  existential: string[];
  /** The copula of a presence: "is", "n’est", "sind" (then a word or two, "currently", "in Nordkorea", before the presence word). */
  copulas: string[];
  /** Words that say the counted are present: "represented", "implantée", "tätig". */
  presence: string[];
  /** Nouns of what a page counts by presence — organisations, establishments, people — singular and plural. */
  entities: string[];
  /** Words before "only one" that make it no count: "not only one", "nicht nur ein". */
  negations: string[];
}

export const PRESENCE_COUNTS: Record<FigureLanguage, PresenceCountWords> = {
  en: {
    none: ['no'],
    noneAfterExistential: [],
    one: ['one'],
    oneAfterExistential: [],
    onlyOne: ['only one', 'just one'],
    existential: ['there is', 'there are', 'there was', 'there were', 'there has been', 'there have been', 'there remains', 'there remain'],
    copulas: ['is', 'are', 'was', 'were', 'remains', 'remain'],
    presence: ['present', 'represented', 'established', 'based', 'located', 'active', 'operating', 'working', 'installed',
      'implanted', 'registered', 'stationed', 'settled', 'living', 'residing', 'resident', 'in the country', 'on the ground'],
    entities: ['company', 'companies', 'firm', 'firms', 'business', 'businesses', 'enterprise', 'enterprises', 'subsidiary',
      'subsidiaries', 'bank', 'banks', 'NGO', 'NGOs', 'school', 'schools', 'university', 'universities', 'embassy',
      'embassies', 'consulate', 'consulates', 'investor', 'investors', 'national', 'nationals', 'citizen', 'citizens',
      'resident', 'residents', 'student', 'students', 'expatriate', 'expatriates', 'volunteer', 'volunteers', 'soldier',
      'soldiers', 'troops', 'diplomat', 'diplomats'],
    negations: ['not', 'never'],
  },
  fr: {
    none: ['aucun', 'aucune', 'plus aucun', 'plus aucune'],
    noneAfterExistential: ['pas de', 'pas d’', "pas d'"],
    one: [],
    oneAfterExistential: ['qu’une', "qu'une", 'qu’un', "qu'un"],
    onlyOne: ['une seule', 'un seul', 'qu’une seule', "qu'une seule", 'qu’un seul', "qu'un seul"],
    existential: ['il n’y a', "il n'y a", 'il n’y avait', "il n'y avait", 'il n’y a eu', "il n'y a eu", 'il y a', 'il y avait'],
    copulas: ['est', 'sont', 'était', 'étaient', 'reste', 'restent', 'demeure', 'n’est', "n'est", 'ne sont', 'n’était', "n'était", 'ne reste'],
    presence: ['présent', 'présente', 'présents', 'présentes', 'représenté', 'représentée', 'représentés', 'représentées',
      'implanté', 'implantée', 'implantés', 'implantées', 'installé', 'installée', 'installés', 'installées', 'établi',
      'établie', 'établis', 'établies', 'actif', 'active', 'actifs', 'actives', 'basé', 'basée', 'basés', 'basées',
      'en activité', 'sur place', 'dans le pays'],
    entities: ['entreprise', 'entreprises', 'société', 'sociétés', 'firme', 'firmes', 'filiale', 'filiales', 'banque', 'banques',
      'ONG', 'école', 'écoles', 'lycée', 'lycées', 'université', 'universités', 'ambassade', 'ambassades', 'consulat',
      'consulats', 'investisseur', 'investisseurs', 'ressortissant', 'ressortissants', 'résident', 'résidents', 'citoyen',
      'citoyens', 'étudiant', 'étudiants', 'expatrié', 'expatriés', 'volontaire', 'volontaires', 'soldat', 'soldats', 'diplomate', 'diplomates'],
    negations: ['pas', 'non', 'jamais', 'plus'],
  },
  de: {
    none: ['kein', 'keine', 'keinen', 'keiner', 'keines', 'keinem'],
    noneAfterExistential: [],
    one: [],
    oneAfterExistential: [],
    onlyOne: ['ein einziges', 'ein einziger', 'eine einzige', 'einen einzigen', 'einem einzigen', 'einer einzigen',
      'nur ein', 'nur eine', 'nur einen', 'nur einem', 'lediglich ein', 'lediglich eine', 'lediglich einen'],
    existential: ['es gibt', 'gibt es', 'es gab', 'gab es'],
    copulas: ['ist', 'sind', 'war', 'waren', 'bleibt', 'bleiben'],
    presence: ['vertreten', 'tätig', 'präsent', 'ansässig', 'niedergelassen', 'aktiv', 'angesiedelt', 'vor Ort'],
    entities: ['Unternehmen', 'Firma', 'Firmen', 'Niederlassung', 'Niederlassungen', 'Tochtergesellschaft', 'Tochtergesellschaften',
      'Bank', 'Banken', 'NGO', 'NGOs', 'Nichtregierungsorganisation', 'Nichtregierungsorganisationen', 'Schule', 'Schulen',
      'Universität', 'Universitäten', 'Hochschule', 'Hochschulen', 'Botschaft', 'Botschaften', 'Konsulat', 'Konsulate',
      'Investor', 'Investoren', 'Staatsangehörige', 'Staatsangehöriger', 'Staatsangehörigen', 'Bürger', 'Studierende',
      'Student', 'Studenten', 'Soldat', 'Soldaten', 'Diplomat', 'Diplomaten'],
    negations: ['nicht', 'nie'],
  },
};

/**
 * Prepositions before a place in a share of a distribution ("quatre à Paris, deux à Astana",
 * "two in Rome and one in Brussels"): the count's raw text ends with the place, which is where,
 * not what, is counted.
 */
export const PLACE_PREPOSITIONS: Record<FigureLanguage, string[]> = {
  en: ['in', 'at'],
  fr: ['à', 'au', 'aux', 'en'],
  de: ['in', 'nach'],
};

/**
 * Adverbs that count occurrences ("visited the country twice", "zweimal"): a count of events,
 * the adverb its raw text. "trice" is the spelling "thrice" often takes on official pages. Not
 * "once" (mostly "formerly"), and not before a comparison ("twice as large", see the recogniser).
 */
export const REPETITION_WORDS: Record<FigureLanguage, Record<string, number>> = {
  en: { twice: 2, thrice: 3, trice: 3 },
  fr: {},
  de: { zweimal: 2, dreimal: 3, viermal: 4, 'fünfmal': 5, sechsmal: 6, zehnmal: 10 },
};

/** Words that say a count is a span of time, not a quantity ("first six months"): skip the count. */
export const SPAN_OPENERS: Record<FigureLanguage, string[]> = {
  en: ['first', 'last', 'next', 'past', 'previous', 'coming', 'following'],
  fr: ['premiers', 'premières', 'derniers', 'dernières', 'prochains', 'prochaines'],
  de: ['ersten', 'letzten', 'nächsten', 'vergangenen', 'kommenden'],
};

/** Articles that make a number word anaphoric ("the two countries", "les deux pays"): not a count. */
export const ANAPHORIC_ARTICLES: Record<FigureLanguage, string[]> = {
  en: ['the', 'these', 'those', 'both', 'all'],
  fr: ['les', 'des', 'ces', 'aux', 'nos', 'leurs', 'tous', 'toutes'],
  de: ['die', 'der', 'den', 'beiden', 'alle', 'diese', 'diesen'],
};

/**
 * Words that carry no meaning for a figure's key. Kept short and conservative: a key made of a
 * few content words is readable, and dropping too much makes unrelated figures collide.
 */
export const STOP_WORDS: Record<FigureLanguage, Set<string>> = {
  en: new Set(('a an the and or but of in on at to for by with from into onto via as than then ' +
    'is are was were be been being has have had do does did not no very also only some about ' +
    'approximately around nearly almost roughly over under more less per its it this that these ' +
    'those which who whom whose what there their they them our we us you your he she his her ' +
    'i me my all any each such so s since while until both between among amount amounts ' +
    'total totals one versus vs against compared').split(/\s+/)),
  fr: new Set(('le la les l un une des de du d au aux et ou mais en dans sur sous par pour avec ' +
    'sans entre chez vers est sont était étaient été être a ont avait avoir ne pas plus moins ' +
    'très aussi ce cet cette ces se sa son ses leur leurs nos notre vos votre qui que qu quoi ' +
    'dont où il elle ils elles on y environ près quelque quelques tout tous toute toutes s ' +
    'depuis jusqu soit rapport contre').split(/\s+/)),
  de: new Set(('der die das den dem des ein eine einer eines einem einen und oder aber in im ins ' +
    'an am auf aus bei mit nach von vom zu zum zur für über unter um durch gegen ohne seit bis ' +
    'ist sind war waren wird werden wurde wurden worden sein hat haben hatte nicht auch sehr nur ' +
    'rund etwa circa ca fast mehr weniger es sie er wir ihr ihre ihren ihrer sein seine seiner ' +
    'dies diese dieser dieses diesen welche welcher welches als wie so zwischen insgesamt gegenüber').split(/\s+/)),
};

/**
 * The words a figure's label is read around (src/describe/label-figure.ts): a label is the noun
 * phrase a number quantifies, so it must know where a noun phrase starts and ends — after a
 * determiner or preposition, before a linking verb, a relative pronoun or a coordination — and
 * which nouns name an event a date dates. Lower case; a label reads every language's lists,
 * since a figure does not say which language its sentence is in.
 */
export interface LabelWords {
  /** Articles, demonstratives, possessives: never the first or last word of a label. */
  determiners: string[];
  /** Prepositions and linking particles: inside a noun phrase ("exports to India"), never at its edge. */
  prepositions: string[];
  /** Words that join two clauses or two figures' phrases: a label never reaches across them. */
  coordinations: string[];
  /** Verbs that link a subject to its figure ("reached", "s'élève", "betrug"), and auxiliaries. */
  verbs: string[];
  /** Relative pronouns: a noun phrase ends before them. */
  relatives: string[];
  /** Pronouns and adverbs that name nothing at the start of a label. */
  weak: string[];
  /** Nouns of events that a date dates ("visit", "Staatsbesuch"). */
  events: string[];
}

export const LABEL_WORDS: Record<FigureLanguage, LabelWords> = {
  en: {
    determiners: ['a', 'an', 'the', 'this', 'that', 'these', 'those', 'its', 'their', 'our', 'his', 'her', 'some', 'each', 'every', 'total'],
    prepositions: ['of', 'in', 'to', 'for', 'from', 'with', 'on', 'at', 'by', 'between', 'among', 'amongst', 'into', 'as', 'than', 'about', 'around', 'over', 'under', 'since', 'after', 'during'],
    coordinations: ['and', 'or', 'then', 'while', 'whereas', 'but', 'as well as'],
    verbs: ['is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'remains', 'remained', 'reached', 'reaches',
      'totalled', 'totaled', 'totals', 'amounted', 'amounts', 'stood', 'stands', 'rose', 'rises', 'fell', 'falls', 'grew',
      'grows', 'increased', 'decreased', 'declined', 'dropped', 'came', 'coming', 'represent', 'represents', 'represented',
      'accounted', 'accounts', 'attended', 'visited', 'held', 'marked', 'mark', 'marking', 'share', 'shares', 'gained',
      'signed', 'took', 'met', 'will', 'would', 'increasing', 'decreasing', 'continued', 'thought', 'estimated', 'live',
      'lives', 'employ', 'employs', 'maintains', 'consisting', 'covering', 'located', 'led'],
    relatives: ['which', 'that', 'who', 'whose', 'whom', 'where', 'when'],
    weak: ['it', 'they', 'them', 'he', 'she', 'we', 'you', 'us', 'both', 'there', 'also', 'still', 'already', 'now', 'today', 'currently', 'again', 'once', 'twice'],
    events: ['visit', 'state visit', 'summit', 'meeting', 'talks', 'dialogue', 'conference', 'session', 'signature', 'signing',
      'inauguration', 'election', 'elections', 'independence', 'agreement', 'treaty', 'forum', 'ceremony', 'ceremonies', 'trip',
      'celebration', 'exhibition', 'centenary', 'anniversary'],
  },
  fr: {
    determiners: ['le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'ce', 'cet', 'cette', 'ces', 'son', 'sa', 'ses', 'leur', 'leurs', 'notre', 'nos', 'total'],
    prepositions: ['de', 'd', 'du', 'des', 'à', 'au', 'aux', 'en', 'dans', 'pour', 'par', 'sur', 'avec', 'entre', 'chez', 'vers', 'parmi', 'depuis', 'après', 'lors'],
    coordinations: ['et', 'ou', 'puis', 'mais', 'tandis', 'alors', 'ainsi que'],
    verbs: ['est', 'sont', 'était', 'étaient', 'a', 'ont', 'avait', 'atteint', 'atteignent', 'atteindre', 'élève', 'élèvent',
      'établit', 'établissent', 'représente', 'représentent', 'représentait', 'totalise', 'reste', 'restent', 'demeure',
      'progresser', 'progressé', 'continué', 'engagé', 'prévu', 'été', 'sont', 'résident', 'compte', 'comptent', 'rendu',
      'rendue', 'rendent', 'effectué', 'soutient', 'entretenu', 'signé', 'marquée', 'marqué', 'dynamisées', 'devenue', 'devenu'],
    relatives: ['qui', 'que', 'qu', 'dont', 'où', 'lequel', 'laquelle'],
    weak: ['il', 'elle', 'ils', 'elles', 'on', 'y', 'se', 's', 'également', 'aussi', 'déjà', 'ainsi', 'par ailleurs', 'chaque année'],
    events: ['visite', 'visite d’état', 'sommet', 'rencontre', 'réunion', 'entretien', 'dialogue', 'conférence', 'session',
      'signature', 'inauguration', 'élection', 'élections', 'indépendance', 'accord', 'traité', 'forum', 'cérémonie',
      'exposition', 'voyage', 'célébration', 'anniversaire', 'déplacement'],
  },
  de: {
    determiners: ['der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einer', 'eines', 'einem', 'einen', 'dieser', 'diese', 'dieses', 'sein', 'seine', 'ihr', 'ihre', 'unser', 'unsere'],
    prepositions: ['von', 'vom', 'zu', 'zum', 'zur', 'in', 'im', 'an', 'am', 'auf', 'aus', 'bei', 'mit', 'nach', 'für', 'über', 'unter', 'um', 'gegen', 'zwischen', 'seit', 'bis', 'per'],
    coordinations: ['und', 'oder', 'sowie', 'aber', 'während', 'dann'],
    verbs: ['ist', 'sind', 'war', 'waren', 'wird', 'werden', 'wurde', 'wurden', 'hat', 'haben', 'hatte', 'hatten', 'lag', 'lagen',
      'liegt', 'liegen', 'betrug', 'betrugen', 'beträgt', 'belief', 'beliefen', 'beläuft', 'erreichte', 'erreichten', 'stieg',
      'stiegen', 'sank', 'sanken', 'ging', 'gingen', 'fließen', 'fließt', 'steht', 'stand', 'gibt', 'leben', 'lebt', 'kam',
      'traf', 'trafen', 'fand', 'reiste', 'besuchte', 'sprach', 'nahm', 'nahmen', 'entwickelten', 'entwickelte', 'stattete',
      'unternahmen', 'gehörte', 'zählte', 'kann', 'sichern', 'folgte', 'trat', 'stellt', 'begab', 'begaben'],
    relatives: ['der', 'die', 'das', 'welche', 'welcher', 'welches', 'wo'],
    weak: ['es', 'er', 'sie', 'wir', 'man', 'beide', 'sich', 'auch', 'zudem', 'ab', 'statt', 'noch', 'bereits', 'zuvor', 'zuletzt', 'davor', 'somit', 'derzeit', 'insgesamt', 'außerdem'],
    events: ['besuch', 'staatsbesuch', 'arbeitsbesuch', 'gipfel', 'gipfeltreffen', 'treffen', 'gespräch', 'gespräche', 'konferenz',
      'sitzung', 'tagung', 'unterzeichnung', 'einweihung', 'wahl', 'unabhängigkeit', 'abkommen', 'vertrag', 'forum',
      'feierlichkeiten', 'zeremonien', 'zeremonie', 'reise', 'debatte', 'erklärung', 'akkreditierung', 'amtsantritt', 'jahrestag'],
  },
};
