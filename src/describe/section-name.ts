/**
 * What the untitled lead section (the text before the first heading, `heading: null`) is called:
 * reports and the web pages name it in full, the one-line summary briefly. Both here so that
 * every output calls it one of these two things.
 */
export const LEAD_SECTION_NAME = 'Introduction (before the first heading)';
/** The lead section in a summary line: "1 section changed (lead text)". */
export const LEAD_SECTION_SHORT_NAME = 'lead text';

/** A section's heading, or the lead section's name. */
export function sectionName(heading: string | null): string {
  return heading ?? LEAD_SECTION_NAME;
}
