import { rm } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { ManualClock } from '../app/clock.ts';
import { createContext } from '../root/app-context.ts';
import type { Logger } from '../app/log.ts';
import { resolveSources } from '../config/resolve-source.ts';
import type { RawConfig } from '../config/schema.ts';
import { runCheckPass } from '../check/check-pass.ts';
import { createHttpClient } from '../fetch/http-client.ts';
import { renderText } from '../report/index.ts';
import { syncSources } from '../store/queries/sources.ts';
import { loadReportMeta } from '../report/load-report-meta.ts';
import { demoHighlights, type DemoChange } from './demo-highlights.ts';
import { loadSnapshotRevisions, type SnapshotRevision } from './manifest.ts';
import { createReplayTransport } from './replay-transport.ts';
import { startReplayServer } from './replay-server.ts';

export const DEMO_SOURCE = 'france-north-korea';

/**
 * When the demo "checks" the page: a little after each real revision was published, plus one
 * check between revisions that finds nothing new (answered 304), as a real schedule would.
 * `label` names the revision in the headline.
 */
const STEPS: Array<{ at: string; revision: string; label: string; note: string }> = [
  { at: '2015-06-15T06:00:00Z', revision: 'c2015', label: 'c. 2015 (excerpt)', note: 'first check: the page c. 2015 — an EXCERPT of its text' },
  { at: '2016-01-15T06:00:00Z', revision: 'c2015', label: 'c. 2015 (excerpt)', note: 'a later check: nothing changed' },
  { at: '2017-07-10T06:00:00Z', revision: '2017-07-05', label: '5 July 2017', note: 'the 5 July 2017 revision' },
  { at: '2017-10-30T06:00:00Z', revision: '2017-10-26', label: '26 October 2017', note: 'the 26 October 2017 revision' },
  { at: '2020-06-15T06:00:00Z', revision: '2020-05', label: 'May 2020', note: 'the May 2020 revision, at a new URL' },
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
 * own. The pipeline fetches the REAL URLs; a demo-only transport carries them to the replay server
 * on 127.0.0.1 (replay-transport.ts), so what is stored and shown is the page's own URL and no
 * allow-list opens loopback. Nothing leaves the machine.
 *
 * It prints the point first — what changed, figure by figure with deltas — and how to go on
 * (browse, watch your own page), then the full reports.
 */
export async function runDemo(opts: DemoOptions): Promise<{ changes: number }> {
  const revisions = loadSnapshotRevisions(DEMO_SOURCE);
  const indexOf = (name: string) => {
    const i = revisions.findIndex((r) => r.revision === name);
    if (i < 0) throw new Error(`snapshots/manifest.json has no revision "${name}"`);
    return i;
  };
  const first = revisions[indexOf(STEPS[0]!.revision)]!;
  const replay = await startReplayServer(revisions);
  const dataDir = resolve(opts.cwd, opts.dataDir);
  await rm(dataDir, { recursive: true, force: true });
  const clock = new ManualClock(STEPS[0]!.at);
  const config: RawConfig = {
    sources: [{ id: DEMO_SOURCE, url: first.url, profile: 'diplomatie-spip', schedule: '0 6 * * *', timezone: 'Europe/Paris' }],
    fetch: { retries: 0 },
  };
  const sources = resolveSources(config);
  const http = createHttpClient({}, { clock, log: opts.log, transport: createReplayTransport(new URL(first.url).origin, replay.port) });
  const ctx = await createContext({ databaseUrl: null, dataDir, clock, log: opts.log, cwd: opts.cwd, http }, {});
  opts.write(`factwatch demo — replaying ${revisions.length} recorded revisions of "France and North Korea" (France Diplomatie)…\n`);
  const reports: string[] = [];
  const found: DemoChange[] = [];
  let previous: (typeof STEPS)[number] | null = null;
  let changes = 0;
  try {
    await syncSources(ctx.db, sources, clock.now());
    for (const step of STEPS) {
      const revision = revisions[indexOf(step.revision)]!;
      clock.set(step.at);
      replay.serve(indexOf(step.revision));
      const lines = [`\n=== ${step.at.slice(0, 10)} — ${step.note}`, `(the page at ${revision.url})`];
      const [result] = await runCheckPass(ctx, sources, { all: true });
      if (result) {
        lines.push(`check: ${result.outcome}${result.error ? ` — ${result.error.message}` : ''}`);
        const loaded = result.stored ? await loadReportMeta(ctx.db, result.stored.changeId) : null;
        if (loaded) {
          changes++;
          lines.push(renderText(loaded.row.change, loaded.meta, { color: opts.color }));
          if (loaded.row.change && previous) {
            const from = revisions[indexOf(previous.revision)]!;
            found.push({ change: loaded.row.change, meta: loaded.meta, fromLabel: previous.label, toLabel: step.label, ...excerptNote(from) });
          }
        }
      }
      reports.push(lines.join('\n'));
      previous = step;
    }
  } finally {
    await ctx.close();
    await replay.close();
  }
  const dir = relative(opts.cwd, dataDir) || '.';
  opts.write(
    [
      first.url,
      'went through the real pipeline (fetch → extract → diff → store); this is what it reports:',
      '',
      ...demoHighlights(found),
      '',
      ...excerptWarning(revisions),
      'Read one change in full, or browse the history in your browser:',
      `  npx factwatch --data-dir ${dir} report 2`,
      `  npx factwatch --data-dir ${dir} serve     then open http://127.0.0.1:8080/changes`,
      'Watch your own page:',
      '  npx factwatch sources add https://example.org/your-page --id my-page',
      '  npx factwatch check                       (again later, or keep `npx factwatch watch` running)',
      '',
      'The full reports follow.',
      '',
    ].join('\n'),
  );
  for (const report of reports) opts.write(`${report}\n`);
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

/** The caveat under a change from an excerpt: what follows the cut reads as added. */
function excerptNote(from: SnapshotRevision): { note?: string } {
  return from.excerpt ? { note: 'the older text is an excerpt cut off mid-page: what follows the cut reads as added' } : {};
}

/** Says which recorded texts are excerpts, before anyone reads a section as new that was only cut off. */
function excerptWarning(revisions: readonly SnapshotRevision[]): string[] {
  const cut = revisions.filter((r) => r.excerpt);
  if (cut.length === 0) return [];
  return [
    `Real text, reconstructed markup (snapshots/README.md). The ${cut.map((r) => r.revision).join(', ')} text is an EXCERPT:`,
    ...cut.map((r) => `  ${r.excerpt!.note}`),
    '',
  ];
}
