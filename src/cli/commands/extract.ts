import { Option, type Command } from 'commander';
import { UsageError } from '../../app/errors.ts';
import { CURRENCY_CODE, pageReading, PROFILE_NAMES, type PageDocument } from '../../model/index.ts';
import { FIGURE_LANGUAGES, type FigureLanguage } from '../../model/figure-vocabulary.ts';
import { formatFigureValue } from '../../describe/format-value.ts';
import { addContentRuleFlags, contentRulesOfFlags, type ContentRuleFlags } from '../content-rule-flags.ts';
import { judgePages } from '../judge-pages.ts';
import { printJson, printLine } from '../output.ts';
import { toContractJson } from '../../report/contract-json.ts';
import { readPage } from '../read-page.ts';
import { withPageContext } from '../with-context.ts';

/** `factwatch extract <file|url>`: the PageDocument of one page, no database involved. */
export function registerExtractCommand(program: Command): void {
  const command = program
    .command('extract')
    .description('extract the structure and figures of a page (file or URL)')
    .argument('<input>', 'HTML file or http(s) URL')
    .option('--profile <name>', `site profile (${PROFILE_NAMES.join(', ')}); auto-detected by default`)
    .option('--url <url>', 'the URL the file was captured from (helps profile detection)')
    .addOption(new Option('--language <code>', 'the language of the text, when the page cannot be trusted to say it').choices(FIGURE_LANGUAGES))
    .option('--currency <code>', 'the currency of a bare "$" on the page (ISO 4217: AUD, CAD …); by default from its host')
    .option('--allow-network <cidr...>', 'networks the address guard lets through (e.g. 127.0.0.0/8)');
  addContentRuleFlags(command)
    .option('--json', 'print the PageDocument as JSON')
    .action(async (input: string, opts: { profile?: string; url?: string; language?: FigureLanguage; currency?: string; allowNetwork?: string[]; json?: boolean } & ContentRuleFlags) => {
      if (opts.currency !== undefined && !CURRENCY_CODE.test(opts.currency)) throw new UsageError(`--currency: "${opts.currency}" is not an ISO 4217 code of three capital letters ("AUD")`);
      // The rules are checked before the page is read: a bad flag costs no fetch.
      const rules = contentRulesOfFlags(opts);
      const [doc] = await withPageContext({ fetch: { allowNetworks: opts.allowNetwork ?? [] } }, async (ctx) => {
        const page = await readPage(ctx.http, input);
        return judgePages(ctx.judge, [{ html: page.html, url: opts.url ?? page.url ?? '' }], opts.profile ?? null, pageReading(opts.language, opts.currency), rules);
      });
      if (opts.json) printJson(toContractJson(doc!));
      else printDocument(doc!);
    });
}

function printDocument(doc: PageDocument): void {
  printLine(`${doc.title}  [${doc.language}${doc.updated ? `, updated ${doc.updated}` : ''}]`);
  if (doc.url) printLine(doc.url);
  for (const s of doc.sections) {
    printLine();
    printLine(`## ${s.heading ?? '(lead)'}${s.language ? `  [${s.language}]` : ''}`);
    for (const b of s.blocks) printLine(`  ${b}`);
  }
  printLine();
  printLine(`Figures (${doc.figures.length}):`);
  for (const f of doc.figures) {
    printLine(`  ${f.kind.padEnd(8)} ${formatFigureValue(f).padEnd(18)} ${f.period ? `[${f.period}] ` : ''}${f.key}`);
  }
}
