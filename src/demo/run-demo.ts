import { rm } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { ManualClock } from '../app/clock.ts';
import { createContext } from '../root/app-context.ts';
import type { Logger } from '../app/log.ts';
import { resolveSources } from '../config/resolve-source.ts';
import type { RawConfig } from '../config/schema.ts';
import { runCheckPass } from '../check/check-pass.ts';
import { renderText } from '../report/index.ts';
import { syncSources } from '../store/queries/sources.ts';
import { loadReportMeta } from '../report/load-report-meta.ts';
import { loadSnapshotRevisions } from './manifest.ts';
import { startReplayServer } from './replay-server.ts';

export const DEMO_SOURCE = 'france-north-korea';

/**
 * When the demo "checks" the page: a little after each real revision was published, plus one
 * check between revisions that finds nothing new (answered 304), as a real schedule would.
 */
const STEPS: Array<{ at: string; revision: number; note: string }> = [
  { at: '2017-07-10T06:00:00Z', revision: 0, note: 'first check: the page as published on 5 July 2017' },
  { at: '2017-09-01T06:00:00Z', revision: 0, note: 'a later check: nothing changed' },
  { at: '2017-10-30T06:00:00Z', revision: 1, note: 'the 26 October 2017 revision' },
  { at: '2020-06-15T06:00:00Z', revision: 2, note: 'the May 2020 revision, at a new URL' },
];

export interface DemoOptions {
  dataDir: string;
  cwd: string;
  color: boolean;
  write: (text: string) => void;
  log: Logger;
}

/**
 * The demo: replays the real revision history of "France and North Korea" from `snapshots/`
 * through the real pipeline (fetch → extract → diff → store) into an embedded database of its
 * own, printing each change report. Nothing leaves 127.0.0.1.
 */
export async function runDemo(opts: DemoOptions): Promise<{ changes: number }> {
  const revisions = loadSnapshotRevisions(DEMO_SOURCE);
  const replay = await startReplayServer(revisions);
  const dataDir = resolve(opts.cwd, opts.dataDir);
  await rm(dataDir, { recursive: true, force: true });
  const clock = new ManualClock(STEPS[0]!.at);
  const config: RawConfig = {
    sources: [
      {
        id: DEMO_SOURCE,
        url: replay.localUrl(revisions[0]!.url),
        profile: 'diplomatie-spip',
        schedule: '0 6 * * *',
        timezone: 'Europe/Paris',
      },
    ],
    // The replay server is on loopback, which the address guard refuses unless allowed.
    fetch: { allowNetworks: ['127.0.0.0/8'], retries: 0 },
  };
  const sources = resolveSources(config);
  const ctx = await createContext({ databaseUrl: null, dataDir, clock, log: opts.log, cwd: opts.cwd }, {});
  let changes = 0;
  try {
    await syncSources(ctx.db, sources, clock.now());
    opts.write(`factwatch demo — replaying ${revisions.length} recorded revisions of "France and North Korea"\n`);
    opts.write(`(France Diplomatie; real text, reconstructed markup: see snapshots/README.md)\n`);
    opts.write(`served from ${replay.localUrl(revisions[0]!.url)}\n`);
    for (const step of STEPS) {
      clock.set(step.at);
      replay.serve(step.revision);
      opts.write(`\n=== ${step.at.slice(0, 10)} — ${step.note}\n`);
      opts.write(`(replaying ${revisions[step.revision]!.url})\n`);
      const [result] = await runCheckPass(ctx, sources, { all: true });
      if (!result) continue;
      opts.write(`check: ${result.outcome}${result.error ? ` — ${result.error.message}` : ''}\n`);
      const loaded = result.stored ? await loadReportMeta(ctx.db, result.stored.changeId) : null;
      if (loaded) {
        changes++;
        opts.write(`${renderText(loaded.row.change, loaded.meta, { color: opts.color })}\n`);
      }
    }
  } finally {
    await ctx.close();
    await replay.close();
  }
  const dir = relative(opts.cwd, dataDir) || '.';
  opts.write(
    [
      '',
      `The history is in ${dir}/ (embedded PGlite). Explore it:`,
      `  npx factwatch --data-dir ${dir} history ${DEMO_SOURCE}`,
      `  npx factwatch --data-dir ${dir} show ${DEMO_SOURCE} --at 2018-01-01`,
      `  npx factwatch --data-dir ${dir} changes`,
      `  npx factwatch --data-dir ${dir} report 2 --format markdown`,
      `  npx factwatch --data-dir ${dir} figures ${DEMO_SOURCE}`,
      `(or set FACTWATCH_DATA_DIR=${dir} instead of --data-dir)`,
      '',
      'Or review the changes in your browser:',
      `  npx factwatch --data-dir ${dir} serve`,
      `  then open http://127.0.0.1:8080/changes (Ctrl-C stops the server)`,
      '',
    ].join('\n'),
  );
  return { changes };
}
