/**
 * A source's own rules about what on its pages is content, applied before the content hash is
 * taken: so a share bar or a visitor counter the rules take out can never make a version.
 *
 * Plain strings, not compiled selectors or regexes: the rules travel with the source to the
 * judge — on a worker thread, by structured clone — exactly as its profile and `PageReading` do,
 * and each side compiles them where it uses them (src/extract/content-rules/).
 */
export interface ContentRules {
  /** CSS selectors of the content; when given, they replace the profile's content region (and its lead). */
  select?: string[];
  /** CSS selectors of elements removed from the whole page before anything else is read. */
  exclude?: string[];
  /** Regular expressions (RE2 syntax) whose matches are removed from each text block, heading and the title. */
  ignoreText?: string[];
}

/** At most this many selectors or patterns per list: a configuration, not a program. */
export const MAX_RULES_PER_LIST = 50;
/** At most this many characters per selector or pattern. */
export const MAX_RULE_LENGTH = 500;

/** The rules a configuration or a command line gives, with only the lists it sets (empty lists left out). */
export function contentRules(select: readonly string[] | undefined, exclude: readonly string[] | undefined, ignoreText: readonly string[] | undefined): ContentRules {
  return {
    ...(select?.length ? { select: [...select] } : {}),
    ...(exclude?.length ? { exclude: [...exclude] } : {}),
    ...(ignoreText?.length ? { ignoreText: [...ignoreText] } : {}),
  };
}

/** Whether any rule is set: a source without rules is read, and hashed, exactly as before rules existed. */
export function hasContentRules(rules: ContentRules | undefined): rules is ContentRules {
  return rules !== undefined && Boolean(rules.select?.length || rules.exclude?.length || rules.ignoreText?.length);
}
