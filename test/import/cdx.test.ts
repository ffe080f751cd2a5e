import { describe, expect, it } from 'vitest';
import { buildCaptureUrl, buildCdxUrl, parseCdxPage, parseCdxTimestamp } from '../../src/import/cdx.ts';
import { classifyCdxRow, EMPTY_PAYLOAD_DIGEST, stripDigestPrefix } from '../../src/import/classify-capture.ts';
import { matchKnownUrl, urlMatchKey } from '../../src/import/match-url.ts';

const HEADER = ['urlkey', 'timestamp', 'original', 'mimetype', 'statuscode', 'digest', 'length'];

describe('CDX JSON', () => {
  it('reads rows by the header row, whatever the field order, and ignores `length`', () => {
    const text = JSON.stringify([
      ['timestamp', 'digest', 'original', 'statuscode', 'mimetype', 'urlkey'],
      ['20180427023914', '3BCPSIHGOCJ7ZRCJRSF5DRI5AD7BDOR6', 'http://www.oaklandca.gov:80/', '200', 'text/html', 'gov,oaklandca)/'],
    ]);
    expect(parseCdxPage(text, 'test')).toEqual({
      rows: [
        {
          urlkey: 'gov,oaklandca)/',
          timestamp: '20180427023914',
          original: 'http://www.oaklandca.gov:80/',
          mimetype: 'text/html',
          statuscode: '200',
          digest: '3BCPSIHGOCJ7ZRCJRSF5DRI5AD7BDOR6',
        },
      ],
      resumeKey: null,
    });
  });

  it('takes the resume key from the empty row and the one-element row that end a page', () => {
    const row = ['k', '20170101000000', 'https://a.test/', 'text/html', '200', 'D1', '1'];
    const page = parseCdxPage(JSON.stringify([HEADER, row, [], ['a2V5LTE=']]), 'test');
    expect(page.resumeKey).toBe('a2V5LTE=');
    expect(page.rows.map((r) => r.timestamp)).toEqual(['20170101000000']);
  });

  it('reads an empty result as no rows: `[]`, a header alone, or nothing', () => {
    for (const text of ['[]', JSON.stringify([HEADER]), '']) expect(parseCdxPage(text, 'test')).toEqual({ rows: [], resumeKey: null });
  });

  it('refuses the text format and a header without the fields it needs', () => {
    expect(() => parseCdxPage('gov,iowa,doc)/ 20170323172420 https://doc.iowa.gov/ text/html 200 L4NP 6904', 'q')).toThrow(/not JSON/);
    expect(() => parseCdxPage(JSON.stringify([['urlkey', 'timestamp']]), 'q')).toThrow(/original, statuscode, digest/);
  });

  it('builds the query the archive documents, and raw capture URLs with id_', () => {
    const u = new URL(buildCdxUrl('https://web.archive.org', { url: 'https://a.test/p/', from: '2017', to: '2020', limit: 500, resumeKey: 'K' }));
    expect(u.pathname).toBe('/cdx/search/cdx');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      url: 'https://a.test/p/',
      output: 'json',
      filter: 'statuscode:200',
      collapse: 'digest',
      from: '2017',
      to: '2020',
      limit: '500',
      showResumeKey: 'true',
      resumeKey: 'K',
    });
    expect(buildCaptureUrl('http://127.0.0.1:9/mirror', '20170712083000', 'http://a.test:80/p/')).toBe(
      'http://127.0.0.1:9/mirror/web/20170712083000id_/http://a.test:80/p/',
    );
  });

  it('reads 14-digit UTC timestamps and nothing else', () => {
    expect(parseCdxTimestamp('20170712083000')?.toISOString()).toBe('2017-07-12T08:30:00.000Z');
    expect(parseCdxTimestamp('2017071208')).toBeNull();
    expect(parseCdxTimestamp('20171340083000')).toBeNull();
  });
});

describe('which rows are pages', () => {
  const row = (over: Partial<Record<string, string>>) => ({
    urlkey: 'k',
    timestamp: '20170712083000',
    original: 'https://a.test/',
    mimetype: 'text/html',
    statuscode: '200',
    digest: 'ABC',
    ...over,
  });
  it('fetches a 200 with a real digest; passes over redirects and the empty-body digest; resolves revisits', () => {
    expect(classifyCdxRow(row({})).kind).toBe('fetch');
    expect(classifyCdxRow(row({ statuscode: '301' }))).toMatchObject({ kind: 'skip', reason: 'origin status 301' });
    expect(classifyCdxRow(row({ digest: EMPTY_PAYLOAD_DIGEST }))).toMatchObject({ kind: 'skip', reason: 'empty body' });
    expect(classifyCdxRow(row({ mimetype: 'warc/revisit', statuscode: '-' })).kind).toBe('revisit');
    expect(classifyCdxRow(row({ timestamp: 'x' })).kind).toBe('skip');
  });
  it('spells WARC and CDX digests alike', () => {
    expect(stripDigestPrefix('sha1:g7hrm7bg')).toBe('G7HRM7BG');
    expect(stripDigestPrefix('G7HRM7BG')).toBe('G7HRM7BG');
    expect(stripDigestPrefix('-')).toBeNull();
  });
});

describe('matching archived URLs to a source', () => {
  const known = ['https://www.diplomatie.gouv.fr/en/nk-65083/', 'https://www.diplomatie.gouv.fr/en/nk/'];
  it('treats scheme, default port, host case and trailing slash as the same page', () => {
    expect(matchKnownUrl(known, 'http://www.diplomatie.gouv.fr:80/en/nk')).toBe('https://www.diplomatie.gouv.fr/en/nk/');
    expect(matchKnownUrl(known, 'HTTPS://WWW.diplomatie.gouv.fr/en/nk-65083/')).toBe('https://www.diplomatie.gouv.fr/en/nk-65083/');
  });
  it('does not match another path, query or port', () => {
    expect(matchKnownUrl(known, 'https://www.diplomatie.gouv.fr/en/nk/other')).toBeNull();
    expect(matchKnownUrl(known, 'https://www.diplomatie.gouv.fr/en/nk/?page=2')).toBeNull();
    expect(matchKnownUrl(known, 'https://www.diplomatie.gouv.fr:8443/en/nk/')).toBeNull();
    expect(urlMatchKey('ftp://a.test/')).toBeNull();
  });
});
