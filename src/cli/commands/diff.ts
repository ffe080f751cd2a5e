import type { Command } from 'commander';
import { UsageError } from '../../app/errors.ts';
import { renderHtml, renderMarkdown, renderText, shouldUseColor, type ReportMeta } from '../../report/index.ts';
import { printJson, printReport } from '../output.ts';
import { judgePages } from '../judge-pages.ts';
import { readPage } from '../read-page.ts';
import { withPageContext } from '../with-context.ts';

const FORMATS = ['text', 'markdown', 'html', 'json'] as const;

/** `factwatch diff <old> <new>`: compare two pages without touching any database. */
export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('compare two pages (files or URLs) and report what changed')
    .argument('<old>', 'older page: HTML file or URL')
    .argument('<new>', 'newer page: HTML file or URL')
    .option('--profile <name>', 'site profile for both pages')
    .option('--format <format>', `report format: ${FORMATS.join(', ')}`, 'text')
    .option('--allow-network <cidr...>', 'networks the address guard lets through')
    .option('--json', 'print the Change as JSON (same as --format json)')
    .option('--sentences', 'text format: show each figure\'s sentence under its line')
    .action(async (oldIn: string, newIn: string, opts: { profile?: string; format: string; allowNetwork?: string[]; json?: boolean; sentences?: boolean }) => {
      const format = opts.json ? 'json' : opts.format;
      if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}" (use ${FORMATS.join(', ')})`);
      const { a, b, from, to } = await withPageContext({ fetch: { allowNetworks: opts.allowNetwork ?? [] } }, async (ctx) => {
        const [a, b] = await Promise.all([readPage(ctx.http, oldIn), readPage(ctx.http, newIn)]);
        // Both pages judged as a check judges them (the same guards and deadline), then compared.
        const [from, to] = await judgePages(ctx.judge, [{ html: a.html, url: a.url ?? '' }, { html: b.html, url: b.url ?? '' }], opts.profile ?? null);
        return { a, b, from: from!, to: to! };
      });
      const { diffDocuments } = await import('../../diff/diff-documents.ts');
      const change = diffDocuments(from, to);
      if (format === 'json') return printJson(change);
      const meta: ReportMeta = {
        source: `${oldIn} → ${newIn}`,
        fromVersion: null,
        toVersion: 0,
        fromCapturedAt: null,
        toCapturedAt: new Date(0),
        fromUrl: a.url ?? oldIn,
        toUrl: b.url ?? newIn,
        title: to.title,
        compared: { from: a.url ?? oldIn, to: b.url ?? newIn },
      };
      const out =
        format === 'markdown' ? renderMarkdown(change, meta) : format === 'html' ? renderHtml(change, meta) : renderText(change, meta, { color: shouldUseColor(process.stdout, process.env), sentences: opts.sentences === true });
      printReport(out);
    });
}
