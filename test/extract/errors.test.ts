import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/extract-document.ts';
import { ExtractionError } from '../../src/app/errors.ts';

describe('pages with nothing to extract', () => {
  it.each([
    ['an empty string', ''],
    ['whitespace only', ' \n\t '],
    ['an empty body', '<!doctype html><html lang="en"><head><title>Nothing</title></head><body></body></html>'],
    ['only chrome and scripts', '<html><body><nav><a href="/">Home</a></nav><script>var x = 1;</script><footer>© 2017</footer></body></html>'],
    ['an empty SPIP content region', '<html lang="en"><body><h1>Title</h1><div class="texte"><div class="texte"> </div></div></body></html>'],
  ])('throws ExtractionError for %s', (_, html) => {
    let error: unknown;
    try {
      extractDocument(html, { extractFigures: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExtractionError);
    expect((error as ExtractionError).code).toBe('extraction_failed');
    expect((error as ExtractionError).retryable).toBe(false);
    expect((error as Error).message).toMatch(/no content|no text/);
  });
});
