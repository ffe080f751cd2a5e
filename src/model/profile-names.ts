/**
 * The names of the site profiles the extractor knows (src/extract/profiles/): what `--profile`
 * and a source's `profile` accept. Here, not in the profile registry, so that config validation
 * and the CLI's help can name them without loading the HTML machinery; the registry's test checks
 * that every name has exactly one profile.
 */
export const PROFILE_NAMES = ['diplomatie-spip', 'diplomatie-2025', 'generic'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Whether `name` names a profile. */
export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}
