/**
 * `npx tsx bench/raw-delta.ts` — cost and size of the raw-body delta (src/store/raw-delta.ts).
 *
 * Cases:
 * - the bench page (75 KB, "France and North Korea") with its money figures changed, as the
 *   bench's page server changes them between revisions;
 * - the recorded revisions of that page (2017-07-05 → 2017-10-26 → 2020-05);
 * - two unrelated bodies (the page against random bytes of the same length): the diff gives up.
 *
 * For each: median ms to create the delta and to apply it; what storing the version costs in CPU
 * either way (as a delta: gunzip the keyframe, delta, check by applying, gzip the delta; whole:
 * gzip the body); gzip sizes of the delta and of the body, and whether the delta would be stored
 * (gzip(delta) ≤ 25% of the keyframe's gzip, src/store/raw-body.ts).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { applyDelta, createDelta } from '../src/store/raw-delta.ts';

const html = (name: string) => readFileSync(new URL(`../snapshots/html/${name}.html`, import.meta.url));
const page = html('france-north-korea_2017-10-26');

/** The page with every "X million" figure moved, as bench/lib/page-server.ts does per revision. */
function revise(body: Buffer, rev: number): Buffer {
  let k = 0;
  return Buffer.from(
    body.toString('latin1').replace(/(\d+(?:\.\d+)?)( million)/g, (_m, n: string, unit: string) => `${(Number(n) + rev * 0.1 * ((k++ % 3) + 1)).toFixed(1)}${unit}`),
    'latin1',
  );
}

function median(runs: number, fn: () => unknown): number {
  for (let i = 0; i < 20; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const cases: Array<[string, Buffer, Buffer]> = [
  ['bench page, figures changed (1 revision)', page, revise(page, 1)],
  ['bench page, figures changed (5 revisions)', page, revise(page, 5)],
  ['recorded 2017-07-05 → 2017-10-26', html('france-north-korea_2017-07-05'), page],
  ['recorded 2017-10-26 → 2020-05', page, html('france-north-korea_2020-05')],
  ['unrelated (page → random bytes)', page, randomBytes(page.length)],
  ['unrelated markup (every letter shifted)', page, Buffer.from(page.toString('latin1').replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 84) % 26) + 97)), 'latin1')],
];

console.log('| case | bytes | create ms | apply ms | store as delta ms | store whole ms | gzip(delta) B | gzip(body) B | stored as |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
for (const [name, base, target] of cases) {
  const delta = createDelta(base, target);
  const createMs = median(200, () => createDelta(base, target));
  const applyMs = delta ? median(200, () => applyDelta(base, delta)) : NaN;
  if (delta && !applyDelta(base, delta).equals(target)) throw new Error(`${name}: delta is not byte-exact`);
  const keyframeGzip = gzipSync(base);
  const asDelta = median(100, () => {
    const b = gunzipSync(keyframeGzip);
    const d = createDelta(b, target);
    return d && applyDelta(b, d).equals(target) ? gzipSync(d) : null;
  });
  const whole = median(100, () => gzipSync(target));
  const full = gzipSync(target).length;
  const keyframe = keyframeGzip.length;
  const gz = delta ? gzipSync(delta).length : null;
  const stored = gz !== null && gz <= 0.25 * keyframe ? 'delta' : 'full (keyframe)';
  console.log(`| ${name} | ${target.length} | ${createMs.toFixed(2)} | ${Number.isNaN(applyMs) ? '' : applyMs.toFixed(3)} | ${asDelta.toFixed(2)} | ${whole.toFixed(2)} | ${gz ?? 'gave up'} | ${full} | ${stored} |`);
}
