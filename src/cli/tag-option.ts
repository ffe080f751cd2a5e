/** `--tag T` (repeatable) of `check`, `changes` and `sources list`, and its note for a tag no source has. */
import { unknownTagsNote } from '../config/tags.ts';
import { inertText } from '../report/inert-text.ts';

/** Commander's collector for a repeatable option (`--tag a --tag b`): a variadic one would swallow the arguments after it. */
export function collectRepeated(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export const TAG_HELP = 'only sources with this tag (repeatable: any of them)';

/**
 * Writes the note for asked-for tags that no source has (with the nearest one) to stderr, so
 * stdout keeps only the (empty) result; returns whether every tag exists.
 */
export function noteUnknownTags(wanted: readonly string[], known: Iterable<string>): boolean {
  const note = unknownTagsNote(wanted, known);
  if (note !== null) process.stderr.write(`factwatch: ${inertText(note)}\n`);
  return note === null;
}
