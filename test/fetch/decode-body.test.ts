import { describe, expect, it } from 'vitest';
import { decodeBody, isHtmlContentType, parseContentType, sniffMetaCharset } from '../../src/fetch/decode-body.ts';
import { repairWindows1252 } from '../../src/fetch/windows-1252.ts';

const bytes = (...values: number[]) => Buffer.from(values);
const ascii = (text: string) => Buffer.from(text, 'latin1');

describe('parseContentType', () => {
  it.each([
    ['text/html', { mediaType: 'text/html', params: {} }],
    ['Text/HTML; Charset="ISO-8859-1"', { mediaType: 'text/html', params: { charset: 'ISO-8859-1' } }],
    ['text/html;charset=utf-8; foo=bar', { mediaType: 'text/html', params: { charset: 'utf-8', foo: 'bar' } }],
    ['text/html; charset=utf-8; charset=latin1', { mediaType: 'text/html', params: { charset: 'utf-8' } }],
    ['text/html; junk', { mediaType: 'text/html', params: {} }],
  ])('%j', (header, expected) => {
    expect(parseContentType(header)).toEqual(expected);
  });

  it('is null when absent or empty', () => {
    expect(parseContentType(null)).toBeNull();
    expect(parseContentType('')).toBeNull();
    expect(parseContentType(' ; charset=utf-8')).toBeNull();
  });
});

describe('isHtmlContentType', () => {
  it.each([
    ['text/html; charset=utf-8', true],
    ['application/xhtml+xml', true],
    [null, true],
    ['text/plain', false],
    ['application/json', false],
    ['text/xml', false],
    ['application/octet-stream', false],
  ])('%j → %s', (header, expected) => {
    expect(isHtmlContentType(parseContentType(header))).toBe(expected);
  });
});

describe('sniffMetaCharset', () => {
  it.each([
    ['<meta charset="windows-1252">', 'windows-1252'],
    ["<META CHARSET='ISO-8859-15'>", 'ISO-8859-15'],
    ['<meta charset=utf-8/>', 'utf-8'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', 'iso-8859-1'],
    ['<meta content="text/html;charset=windows-1252" http-equiv="content-type" />', 'windows-1252'],
    ['<meta name="viewport" content="width=device-width"><meta charset="utf-8">', 'utf-8'],
    ['<!-- <meta charset="koi8-r"> --><meta charset="utf-8">', 'utf-8'],
    ['<p>charset=windows-1252</p>', null],
    ['<html><head><title>x</title></head>', null],
  ])('%s → %s', (html, expected) => {
    expect(sniffMetaCharset(ascii(html))).toBe(expected);
  });

  it('looks only at the first 2 KB', () => {
    expect(sniffMetaCharset(ascii(`${' '.repeat(2100)}<meta charset="windows-1252">`))).toBeNull();
    expect(sniffMetaCharset(ascii(`${' '.repeat(1900)}<meta charset="windows-1252">`))).toBe('windows-1252');
  });
});

describe('decodeBody', () => {
  // "Corée" in windows-1252: é = 0xE9; "d’euros": ’ = 0x92.
  const coreeCp1252 = Buffer.concat([ascii('Cor'), bytes(0xe9), ascii('e d'), bytes(0x92), ascii('euros')]);

  it('uses the Content-Type charset', () => {
    expect(decodeBody(coreeCp1252, 'text/html; charset=windows-1252')).toMatchObject({
      text: 'Corée d’euros',
      charset: 'windows-1252',
      source: 'header',
    });
  });

  it('reads iso-8859-1 as windows-1252, as browsers do (and the Encoding Standard says)', () => {
    expect(decodeBody(coreeCp1252, 'text/html; charset=ISO-8859-1')).toMatchObject({ text: 'Corée d’euros', charset: 'windows-1252' });
  });

  it('falls back to a <meta charset> when the header has none', () => {
    const html = Buffer.concat([ascii('<meta charset="windows-1252"><p>'), coreeCp1252]);
    expect(decodeBody(html, 'text/html')).toMatchObject({ text: '<meta charset="windows-1252"><p>Corée d’euros', source: 'meta' });
  });

  it('prefers the header over a <meta>', () => {
    const html = Buffer.from('<meta charset="windows-1252"><p>Corée', 'utf8');
    expect(decodeBody(html, 'text/html; charset=utf-8')).toMatchObject({ text: '<meta charset="windows-1252"><p>Corée', source: 'header' });
  });

  it('prefers a byte-order mark over everything', () => {
    const html = Buffer.concat([bytes(0xef, 0xbb, 0xbf), Buffer.from('Corée', 'utf8')]);
    expect(decodeBody(html, 'text/html; charset=windows-1252')).toMatchObject({ text: 'Corée', charset: 'utf-8', source: 'bom' });
  });

  it('decodes UTF-16LE with a BOM', () => {
    const html = Buffer.concat([bytes(0xff, 0xfe), Buffer.from('Corée', 'utf16le')]);
    expect(decodeBody(html, null)).toMatchObject({ text: 'Corée', charset: 'utf-16le' });
  });

  it('treats a <meta> claiming UTF-16 as UTF-8 (a meta can only be read in an ASCII-compatible encoding)', () => {
    const html = Buffer.from('<meta charset="utf-16"><p>Corée', 'utf8');
    expect(decodeBody(html, 'text/html')).toMatchObject({ text: '<meta charset="utf-16"><p>Corée', charset: 'utf-8' });
  });

  it('defaults to UTF-8', () => {
    expect(decodeBody(Buffer.from('<p>Corée', 'utf8'), null)).toMatchObject({ text: '<p>Corée', charset: 'utf-8', source: 'default', unknownLabel: null });
  });

  it('reports an unknown label and moves on to the next source', () => {
    const html = Buffer.concat([ascii('<meta charset="windows-1252">'), coreeCp1252]);
    expect(decodeBody(html, 'text/html; charset=x-unknown')).toMatchObject({ charset: 'windows-1252', source: 'meta', unknownLabel: 'x-unknown' });
    expect(decodeBody(Buffer.from('é', 'utf8'), 'text/html; charset=x-unknown')).toMatchObject({ text: 'é', charset: 'utf-8', unknownLabel: 'x-unknown' });
  });

  it('decodes other legacy encodings through ICU', () => {
    // "Привет" in windows-1251
    const cp1251 = bytes(0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2);
    expect(decodeBody(cp1251, 'text/html; charset=windows-1251').text).toBe('Привет');
  });
});

describe('repairWindows1252', () => {
  it('maps the C1 range to windows-1252 characters and leaves everything else alone', () => {
    expect(repairWindows1252('\u0080 \u0092\u0093\u0094 \u009c \u0085 \u009f')).toBe('€ ’“” œ … Ÿ');
    expect(repairWindows1252('\u0081\u008d\u008f\u0090\u009d')).toBe('\u0081\u008d\u008f\u0090\u009d');
    expect(repairWindows1252('Corée — déjà')).toBe('Corée — déjà');
  });
});

describe('decodeBody: UTF-8 claimed, single-byte bytes sent', () => {
  // "Corée d’euros" in windows-1252: é = 0xE9, ’ = 0x92 — neither is valid UTF-8 on its own.
  const cp1252 = Buffer.from([0x43, 0x6f, 0x72, 0xe9, 0x65, 0x20, 0x64, 0x92, 0x65, 0x75, 0x72, 0x6f, 0x73]);

  it('decodes as windows-1252 when the header says UTF-8 but no valid multi-byte character exists', () => {
    expect(decodeBody(cp1252, 'text/html; charset=utf-8')).toMatchObject({ text: 'Corée d’euros', charset: 'windows-1252', source: 'fallback' });
  });

  it('does the same when no charset is declared anywhere', () => {
    expect(decodeBody(cp1252, 'text/html')).toMatchObject({ text: 'Corée d’euros', charset: 'windows-1252', source: 'fallback' });
  });

  it('keeps UTF-8 (with one U+FFFD) for a UTF-8 page that has a single stray byte', () => {
    const mixed = Buffer.concat([Buffer.from('Corée ', 'utf8'), Buffer.from([0xe9]), Buffer.from(' fin', 'utf8')]);
    expect(decodeBody(mixed, 'text/html; charset=utf-8')).toMatchObject({ text: 'Corée \ufffd fin', charset: 'utf-8', source: 'header' });
  });
});
