/**
 * `factwatch sources test <id>`: one fetch and one judgement of a configured source, exactly as a
 * check makes them — the composition root's page client and judge (address guard, robots.txt, the
 * source's fetch settings, `${VAR}` in its URL), `observePage`, the judge on a worker thread with
 * its deadline and guards — and nothing stored: no database is opened. A page a check would
 * refuse is refused here with the same reason (exit 1).
 */
import { observePage } from '../check/observe-page.ts';
import type { ResolvedSource } from '../config/resolve-source.ts';
import { formatValueWithPeriod, labelFigure } from '../describe/index.ts';
import type { PageDocument } from '../model/index.ts';
import { toContractJson } from '../report/contract-json.ts';
import { judgePages } from './judge-pages.ts';
import { printJson, printLine } from './output.ts';
import { withPageContext } from './with-context.ts';

/** How many figures the summary lists (all of them are in `--json`). */
const FIRST_FIGURES = 10;

export async function testSource(source: ResolvedSource, opts: { json: boolean }): Promise<void> {
  const { document, status } = await withPageContext({}, async (ctx) => {
    const observed = await observePage(ctx, source, null);
    if (observed.kind === 'failed') throw observed.error;
    const { capture } = observed;
    const [judged] = await judgePages(ctx.judge, [{ html: capture.text, url: capture.url }], source.profile, source.reading, source.rules);
    return { document: judged!, status: capture.status };
  });
  if (opts.json) return printJson(toContractJson(document));
  printSummary(source, document, status);
}

function printSummary(source: ResolvedSource, doc: PageDocument, status: number): void {
  printLine(`${doc.title}  [${doc.language}${doc.updated ? `, updated ${doc.updated}` : ''}]`);
  printLine(`${doc.url}  (HTTP ${status}, profile ${doc.profile})`);
  const headings = doc.sections.flatMap((s) => (s.heading === null ? [] : [s.heading]));
  printLine(`Sections: ${doc.sections.length}${headings.length ? ` — ${headings.slice(0, 8).join(' · ')}${headings.length > 8 ? ' · …' : ''}` : ''}`);
  printLine(`Figures: ${doc.figures.length}`);
  for (const f of doc.figures.slice(0, FIRST_FIGURES)) printLine(`  ${labelFigure(f)}: ${formatValueWithPeriod(f)}`);
  if (doc.figures.length > FIRST_FIGURES) printLine(`  … and ${doc.figures.length - FIRST_FIGURES} more (--json lists them all)`);
  printLine();
  printLine(`Nothing was stored. \`factwatch check ${source.id}\` records this page as the source's first version.`);
}
