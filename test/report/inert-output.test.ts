import { describe, expect, it } from 'vitest';
import { diffDocuments } from '../../src/diff/diff-documents.ts';
import { escapeMarkdown } from '../../src/report/escape.ts';
import { inertJson, inertText, xmlSafeText } from '../../src/report/inert-text.ts';
import { renderHtml } from '../../src/report/render-html.ts';
import { renderMarkdown } from '../../src/report/render-markdown.ts';
import { renderText } from '../../src/report/render-text.ts';
import type { ReportMeta } from '../../src/report/report-meta.ts';
import { figure, makeDocument, section } from '../diff/make-document.ts';

const ESC = '\u001b';
/** What a hostile page can put in its text (the parser decodes `&#27;` to ESC, `&#x9b;` to CSI). */
export const TERMINAL_ATTACKS = {
  clipboard: `${ESC}]52;c;cm0gLXJmIH4=\u0007`, // OSC 52: writes "rm -rf ~" to the clipboard
  hiddenLink: `${ESC}]8;;https://evil.example/${ESC}\\click here${ESC}]8;;${ESC}\\`, // OSC 8
  cursor: `${ESC}[2A${ESC}[2K`, // CSI: up two lines, erase the line
  title: `${ESC}]0;owned\u0007`, // window title
  c1: '\u009b31mred\u009d0;t\u009c', // 8-bit CSI and OSC
  misc: 'a\u0000b\u0008c\rd\u007fe',
};
const ALL = Object.values(TERMINAL_ATTACKS).join(' ');
/** Any control character but newline and tab. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

function hostileChange() {
  const older = makeDocument({
    title: `Page ${TERMINAL_ATTACKS.title}`,
    sections: [section(`Aid ${TERMINAL_ATTACKS.cursor}`, `The programme totalled €5 million in 2016 ${TERMINAL_ATTACKS.clipboard}.`)],
    figures: [figure({ key: 'aid/money', value: 5_000_000, raw: '€5 million', section: `Aid ${TERMINAL_ATTACKS.cursor}` })],
  });
  const newer = makeDocument({
    title: `Page ${TERMINAL_ATTACKS.title}`,
    sections: [
      section(`Aid ${TERMINAL_ATTACKS.cursor}`, `The programme totalled €7 million in 2017 ${TERMINAL_ATTACKS.hiddenLink}.`),
      section(`New ${TERMINAL_ATTACKS.c1} ${TERMINAL_ATTACKS.misc} see https://evil.example/login or www.evil.example, mail bob@evil.example`, 'Text.'),
    ],
    figures: [figure({ key: 'aid/money', value: 7_000_000, raw: '€7 million', section: `Aid ${TERMINAL_ATTACKS.cursor}`, period: `2017${TERMINAL_ATTACKS.clipboard}` })],
  });
  const meta: ReportMeta = {
    source: 'hostile',
    changeId: 1,
    fromVersion: 1,
    toVersion: 2,
    fromCapturedAt: new Date('2020-01-01T00:00:00Z'),
    toCapturedAt: new Date('2020-02-01T00:00:00Z'),
    fromUrl: 'https://example.org/a',
    toUrl: `https://example.org/b${TERMINAL_ATTACKS.cursor}`,
    title: newer.title,
  };
  return { change: diffDocuments(older, newer), meta };
}

describe('human output is inert', () => {
  it('strips control characters and whole escape sequences, keeping newline and tab', () => {
    expect(inertText(`a${TERMINAL_ATTACKS.clipboard}b`)).toBe('ab'); // the payload goes with the sequence
    expect(inertText(TERMINAL_ATTACKS.hiddenLink)).toBe('click here');
    expect(inertText(`x${TERMINAL_ATTACKS.cursor}y`)).toBe('xy');
    expect(inertText(TERMINAL_ATTACKS.misc)).toBe('abcde');
    expect(inertText('line one\n\tline two')).toBe('line one\n\tline two');
    expect(inertText(ALL)).not.toMatch(CONTROL);
    // An unterminated OSC costs linear time and loses only its introducer.
    const long = `${ESC}]52;c;${'A'.repeat(200_000)}`;
    const started = performance.now();
    expect(inertText(long)).not.toMatch(CONTROL);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('keeps JSON data while escaping C1, and XML text legal', () => {
    const value = { s: `x${TERMINAL_ATTACKS.c1}\u007f${TERMINAL_ATTACKS.clipboard}` };
    const json = inertJson(JSON.stringify(value));
    expect(json).not.toMatch(CONTROL);
    expect(JSON.parse(json)).toEqual(value);
    expect(xmlSafeText('a\u0001b\ufffe\ud800c\u{1f600}')).toBe('abc\u{1f600}');
  });

  it('in every renderer: terminal (with and without colour), Markdown, HTML', () => {
    const { change, meta } = hostileChange();
    for (const [name, out] of [
      ['text', renderText(change, meta)],
      ['markdown', renderMarkdown(change, meta)],
      ['html', renderHtml(change, meta)],
    ] as const) {
      expect(out, name).not.toMatch(CONTROL);
      expect(out, name).not.toContain('cm0gLXJmIH4=');
      expect(out, name).toContain('click here');
    }
    // In colour, the only escape sequences are our own SGR colours.
    const coloured = renderText(change, meta, { color: true });
    expect(coloured.replace(/\u001b\[\d+m/gu, '')).not.toMatch(CONTROL);
    expect(coloured).toMatch(/\u001b\[32m/u);
  });

  it('Markdown shows bare URLs as code, so no renderer links them', () => {
    const { change, meta } = hostileChange();
    const md = renderMarkdown(change, meta);
    expect(md).toContain('`https://evil.example/login`');
    expect(md).toContain('`www.evil.example,`');
    expect(md).toContain('`bob@evil.example`');
    // Outside code spans and fenced blocks nothing is left for an autolinker.
    const prose = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gmu, '').replace(/(`+)[^`]*?\1/gu, '');
    expect(prose).not.toMatch(/https?:\/\/|www\.|@evil/u);
    expect(escapeMarkdown('a `tick` https://x.example/a|b`c')).toBe('a \\`tick\\` ``https://x.example/a%7Cb`c``');
  });
});
