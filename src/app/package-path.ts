/**
 * Files that ship with factwatch beside its code (migrations, the recorded snapshots, the
 * OpenAPI document) are found from the package root, not from the working directory, so the
 * CLI works from anywhere. The same code runs from the TypeScript sources (`src/…`) and from
 * the compiled build (`dist/src/…`), so the root is located rather than assumed.
 */
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `src/app/` → the package root; `dist/src/app/` → `dist/`, whose parent is the package root. */
const twoUp = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
export const PACKAGE_ROOT = basename(twoUp) === 'dist' ? dirname(twoUp) : twoUp;

/** Absolute path of a file or folder of the package, e.g. `packagePath('drizzle')`. */
export function packagePath(...parts: string[]): string {
  return join(PACKAGE_ROOT, ...parts);
}
