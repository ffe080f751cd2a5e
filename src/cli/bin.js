#!/usr/bin/env node
// Entry point for `npx factwatch`.
//
// It runs the compiled build in dist/ (`npm run build`, which `npm install` runs through
// `prepare`): compiling TypeScript on the fly (tsx) costs ~90 MB of memory and a slower start
// in every process, worker thread included (issue 8). When there is no build, or a source file
// is newer than it (a checkout being edited), it runs the sources through tsx instead, so the
// code that runs is always the code in the repository. FACTWATCH_FROM_SOURCE=1 forces the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const stamp = `${root}dist/.built`;

/** Whether any file under `dir` was modified after `since` (ms). */
function changedSince(dir, since) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory() ? changedSince(path, since) : statSync(path).mtimeMs > since) return true;
  }
  return false;
}

function buildIsCurrent() {
  if (process.env.FACTWATCH_FROM_SOURCE === '1' || !existsSync(stamp)) return false;
  const built = statSync(stamp).mtimeMs;
  return !changedSince(`${root}src`, built);
}

if (buildIsCurrent()) {
  await import('../../dist/src/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./main.ts');
}
