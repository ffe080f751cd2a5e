/**
 * The id `sources add URL` gives a source when none is named: a slug a person recognises the page
 * by — the page's own name in its URL ("france-and-north-korea-65083"), else its host
 * ("example-org") — and unique among the configured ids: a taken name is prefixed with the host,
 * and numbered only when that is taken too.
 */

/** The longest slug the configuration accepts (schema.ts: a letter or digit and up to 62 more). */
const MAX_SLUG = 63;

/** Path segments that name no page ("/index.html", "/en/", "/fr/"). */
const GENERIC_SEGMENTS = new Set(['index', 'default', 'home', 'page', 'main', 'en', 'fr', 'de', 'www']);

/** `text` as a slug: lowercase ASCII letters, digits and single hyphens ("Côte d'Ivoire" → "cote-d-ivoire"). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/u, '');
}

/** An id for a source at `url` (an http(s) URL) that is not in `taken`. */
export function deriveSourceId(url: string, taken: ReadonlySet<string>): string {
  const u = new URL(url);
  const host = slugify(u.hostname.replace(/^www\./u, '')) || 'source';
  const segments = u.pathname
    .split('/')
    .map((s) => slugify(decodeSegment(s).replace(/\.[a-z0-9]{1,5}$/iu, '')))
    .filter((s) => s !== '' && !GENERIC_SEGMENTS.has(s));
  const name = segments.at(-1);
  const candidates = name === undefined ? [host] : [name, slugify(`${host}-${name}`)];
  const free = candidates.find((c) => !taken.has(c));
  if (free !== undefined) return free;
  const base = candidates.at(-1)!;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${base.slice(0, MAX_SLUG - suffix.length).replace(/-+$/u, '')}${suffix}`;
    if (!taken.has(id)) return id;
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
