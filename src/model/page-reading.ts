import type { FigureLanguage } from './figure-vocabulary.ts';

/**
 * What a source's configuration says about how to read its pages, when the page itself cannot be
 * trusted to say it: the language its text is in (a mirror that declares none, a site that
 * declares the wrong one) and the currency of a bare "$", "dollars" or "francs" (the publisher's
 * country, when its host does not tell it: a ministry on a .gov.xx or .org domain). Each field
 * left out is read from the page as usual (the language from the text, the dollar from the host).
 */
export interface PageReading {
  language?: FigureLanguage;
  /** ISO 4217 code ("AUD", "CAD", "CHF"). */
  currency?: string;
}

/** An ISO 4217 currency code as a configuration or a command line may give it. */
export const CURRENCY_CODE = /^[A-Z]{3}$/u;

/** The reading a configuration or a command line gives, with only the fields it sets. */
export function pageReading(language: FigureLanguage | undefined, currency: string | undefined): PageReading {
  return { ...(language ? { language } : {}), ...(currency ? { currency } : {}) };
}
