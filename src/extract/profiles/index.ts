/**
 * The profile registry: named lookup for `--profile`, and detection when no name is given.
 * Order matters for detection: the most specific layout first, the generic fallback last.
 */
import type { CheerioAPI } from 'cheerio/slim';
import { UsageError } from '../../app/errors.ts';
import { PROFILE_NAMES } from '../../model/index.ts';
import { diplomatie2025Profile } from './diplomatie-2025.ts';
import { diplomatieSpipProfile } from './diplomatie-spip.ts';
import { genericProfile } from './generic.ts';
import type { SiteProfile } from './site-profile.ts';

export type { PageView, SiteProfile } from './site-profile.ts';
export { diplomatie2025Profile, diplomatieSpipProfile, genericProfile };

/** All profiles, in detection order; one for each of `PROFILE_NAMES` (src/model/profile-names.ts). */
export const PROFILES: readonly SiteProfile[] = [diplomatie2025Profile, diplomatieSpipProfile, genericProfile];

/** The profile called `name`; a name nobody knows is a usage error (exit code 2), not a fallback. */
export function getProfile(name: string): SiteProfile {
  const profile = PROFILES.find((p) => p.name === name);
  if (profile === undefined) {
    throw new UsageError(`unknown profile "${name}" (known: ${PROFILE_NAMES.join(', ')})`);
  }
  return profile;
}

/**
 * The named profile, or the first of `among` whose layout the page shows. `$` may hold the whole
 * page or only the regions the streaming pass located; detection only looks for layout landmarks.
 * `among` narrows the candidates when some are known not to be on the page (each `detect` of a
 * whole page is a walk of its whole DOM).
 */
export function selectProfile(name: string | undefined, $: CheerioAPI, url: string | null = null, among: readonly SiteProfile[] = PROFILES): SiteProfile {
  if (name !== undefined) return getProfile(name);
  return among.find((p) => p.detect($, url)) ?? genericProfile;
}
