/**
 * The page's language, which decides how dates and numbers are read. `<html lang>` is the
 * author's own declaration; the URL's language segment (`/en/`, `/fr/`, `/de/`) is what the
 * France Diplomatie site uses when a capture lost its markup.
 */
const URL_LANGUAGE = /\/(en|fr|de|es|it|pt|ar|zh|ru)(?:\/|$)/;

/** Primary subtag of a BCP 47 tag, lower-cased: "en-GB" → "en"; null when not a language tag. */
function primarySubtag(tag: string): string | null {
  const primary = tag.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return /^[a-z]{2,3}$/.test(primary) ? primary : null;
}

export function detectLanguage(htmlLang: string | null, urls: ReadonlyArray<string | null>): string {
  const declared = htmlLang === null ? null : primarySubtag(htmlLang);
  if (declared !== null) return declared;
  for (const url of urls) {
    if (url === null) continue;
    let path: string;
    try {
      path = new URL(url, 'http://localhost/').pathname;
    } catch {
      continue;
    }
    const match = URL_LANGUAGE.exec(path);
    if (match?.[1] !== undefined) return match[1];
  }
  return 'en';
}
