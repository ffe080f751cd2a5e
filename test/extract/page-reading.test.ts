import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load-config.ts';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { extractDocument } from '../../src/extract/extract-document.ts';
import { judgeCapture } from '../../src/judge/judge-capture.ts';
import { runCli } from '../helpers/run-cli.ts';

/**
 * A source's configured reading (issue 19, Build 5 and 6): the language of the text and the
 * currency of a bare dollar, for pages whose host and markup do not say them. Each wins over
 * what the page suggests; left out, the page is read as before.
 */

const page = (body: string, lang = '') =>
  `<!doctype html><html${lang}><head><title>Relations</title></head><body><main><h1>Relations</h1>${body}</main></body></html>`;
const money = (html: string, reading?: { currency?: string }) =>
  extractDocument(html, { url: 'https://www.foreign.example.org/relations', reading }).figures.filter((f) => f.kind === 'money').map((f) => [f.value, f.unit]);

describe("a source's configured reading", () => {
  const trade = page('<p>Two-way trade in goods reached $12.5 billion in 2022, and services a further $3 billion.</p>', ' lang="en"');

  it('gives a bare dollar the configured currency, where the host says nothing', () => {
    expect(money(trade)).toEqual([[12_500_000_000, 'USD'], [3_000_000_000, 'USD']]);
    expect(money(trade, { currency: 'NZD' })).toEqual([[12_500_000_000, 'NZD'], [3_000_000_000, 'NZD']]);
  });

  it('never overrides a currency the text names', () => {
    const named = page('<p>Exports reached €4.2 billion and US$1.1 billion of services.</p>', ' lang="en"');
    expect(money(named, { currency: 'CAD' })).toEqual([[4_200_000_000, 'EUR'], [1_100_000_000, 'USD']]);
  });

  it('reads the text in the configured language: the separators and the day-first dates of German', () => {
    // A page that declares English and is too short for its words to say otherwise.
    const short = page('<p>Koreaner: 12.500 (Stand 03.04.2019)</p>', ' lang="en"');
    const values = (doc: ReturnType<typeof extractDocument>) => doc.figures.map((f) => f.value);
    expect(values(extractDocument(short))).toEqual([12.5, '2019-03-04']);
    const configured = extractDocument(short, { reading: { language: 'de' } });
    expect(configured.language).toBe('de');
    expect(values(configured)).toEqual([12_500, '2019-04-03']);
  });

  it('reaches the extractor through the judge, as a check and an import run it', () => {
    const verdict = judgeCapture(
      { url: 'https://www.foreign.example.org/relations', status: 200, rawHash: 'h', text: trade },
      null,
      { profile: null, reading: { currency: 'SGD' }, urlMatters: true, shrink: null },
    );
    expect(verdict.kind).toBe('new');
    if (verdict.kind !== 'new') return;
    expect(verdict.document.figures.filter((f) => f.kind === 'money').map((f) => f.unit)).toEqual(['SGD', 'SGD']);
  });

  it('comes from the source configuration, and bad values are named problems', () => {
    const [a, b] = resolveSources(parseConfigText(JSON.stringify({ sources: [
      { id: 'a', url: 'https://www.foreign.example.org/a', language: 'fr', currency: 'CHF' },
      { id: 'b', url: 'https://www.foreign.example.org/b' },
    ] }), 'x', {}));
    expect(a!.reading).toEqual({ language: 'fr', currency: 'CHF' });
    expect(b!.reading).toEqual({});
  });
});

describe('factwatch extract --language --currency', () => {
  const dir = mkdtempSync(join(tmpdir(), 'factwatch-reading-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('previews a source’s reading, and refuses a currency that is not a code (exit 2)', async () => {
    const file = join(dir, 'page.html');
    writeFileSync(file, page('<p>Trade reached $7 million in 2021.</p>'));
    const ok = await runCli(['extract', file, '--currency', 'AUD', '--language', 'en', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    const doc = JSON.parse(ok.stdout) as { language: string; figures: Array<{ kind: string; value: unknown; unit: string | null }> };
    expect(doc.language).toBe('en');
    expect(doc.figures).toContainEqual(expect.objectContaining({ kind: 'money', value: 7_000_000, unit: 'AUD' }));

    const bad = await runCli(['extract', file, '--currency', 'dollars']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--currency: "dollars" is not an ISO 4217 code/);
    const badLanguage = await runCli(['extract', file, '--language', 'es']);
    expect(badLanguage.code).toBe(2);
    expect(badLanguage.stderr).toMatch(/--language.*es/);
  });
});
