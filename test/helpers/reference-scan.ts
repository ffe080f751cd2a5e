/**
 * The region scan on htmlparser2's own `Parser` (what `scanPage` ran on until issue 19's speed
 * work): the reference that test/extract/markup-scanner.test.ts holds markup-scanner.ts to. Both
 * drive the same region handler (`regionHandler`), so the comparison is of the tokenisers alone:
 * which elements open and close where, and which text they hold.
 */
import { Parser } from 'htmlparser2';
import { regionHandler, type ElementPattern, type PageScan, type ScanLimits } from '../../src/extract/scan-page.ts';

export function referenceScan(html: string, patterns: Record<string, ElementPattern>, limits: ScanLimits = {}): PageScan {
  const regions = regionHandler(html, patterns, limits);
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        // The start of the element being opened; attributes as the parser kept them (first one wins).
        regions.handler.open(name, parser.startIndex, { attribute: (attribute) => attribs[attribute] });
      },
      ontext(data) {
        // During `ontext` the parser's `endIndex` is the text's last character (its `startIndex`
        // is where the previous node ended, not always where the text begins).
        const end = parser.endIndex + 1;
        regions.handler.text(end - data.length, end);
      },
      onclosetag(name, isImplied) {
        // An implied close happens where the next node begins; an explicit one ends after `>`.
        regions.handler.close(name, isImplied ? parser.startIndex : parser.endIndex + 1);
      },
    },
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return regions.result();
}
