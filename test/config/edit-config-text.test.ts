import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSourceId, slugify } from '../../src/config/derive-source-id.ts';
import { appendSource, newConfigText, removeSource, setSourceKey } from '../../src/config/edit-config-text.ts';

/**
 * The configuration edits of `factwatch sources` keep every byte they do not change: a new source
 * is laid out as its neighbour is (several lines, one spaced line, minified), line endings and
 * indentation are the file's, and removing what was added gives the original back.
 */
describe('editing the configuration text', () => {
  const entry = { id: 'new', url: 'https://example.org/new', tags: ['asia', 'trade'] };

  const layouts: Record<string, string> = {
    'tabs and CRLF': '{\r\n\t"sources": [\r\n\t\t{\r\n\t\t\t"id": "a",\r\n\t\t\t"url": "https://${HOST}/a"\r\n\t\t}\r\n\t]\r\n}\r\n',
    'one spaced line per source': '{\n  "sources": [\n    { "id": "a", "url": "https://x.org/a" },\n    { "id": "b", "url": "https://x.org/b" }\n  ],\n  "fetch": { "retries": 0 }\n}\n',
    minified: '{"sources":[{"id":"a","url":"https://x.org/a"}],"fetch":{"retries":0}}',
    'empty sources': '{\n    "sources": [],\n    "serve": {}\n}',
  };

  it.each(Object.entries(layouts))('appends in the layout of the neighbours, and removing it gives the original back (%s)', (_, original) => {
    const added = appendSource(original, entry);
    const parsed = JSON.parse(added) as { sources: unknown[] };
    expect(parsed.sources.at(-1)).toEqual(entry);
    expect(removeSource(added, parsed.sources.length - 1)).toBe(original);
    expect(added.includes('\r\n')).toBe(original.includes('\r\n'));
  });

  it('writes the new source as its neighbour is written', () => {
    expect(appendSource(layouts['tabs and CRLF']!, entry)).toBe(
      '{\r\n\t"sources": [\r\n\t\t{\r\n\t\t\t"id": "a",\r\n\t\t\t"url": "https://${HOST}/a"\r\n\t\t},\r\n\t\t{\r\n\t\t\t"id": "new",\r\n\t\t\t"url": "https://example.org/new",\r\n\t\t\t"tags": ["asia", "trade"]\r\n\t\t}\r\n\t]\r\n}\r\n',
    );
    expect(appendSource(layouts['one spaced line per source']!, entry)).toContain('    { "id": "b", "url": "https://x.org/b" },\n    { "id": "new", "url": "https://example.org/new", "tags": ["asia", "trade"] }\n  ],');
    expect(appendSource(layouts.minified!, entry)).toBe('{"sources":[{"id":"a","url":"https://x.org/a"},{"id":"new","url":"https://example.org/new","tags":["asia","trade"]}],"fetch":{"retries":0}}');
    expect(appendSource(layouts['empty sources']!, { id: 'x', url: 'https://x.org/' })).toBe('{\n    "sources": [\n        {\n            "id": "x",\n            "url": "https://x.org/"\n        }\n    ],\n    "serve": {}\n}');
  });

  it('removes a source from the middle without touching its neighbours', () => {
    const original = layouts['one spaced line per source']!;
    expect(removeSource(original, 0)).toBe('{\n  "sources": [\n    { "id": "b", "url": "https://x.org/b" }\n  ],\n  "fetch": { "retries": 0 }\n}\n');
  });

  it('sets, replaces and removes a key of one source, and removing what it set gives the original back', () => {
    for (const original of Object.values(layouts).filter((t) => !t.includes('"sources": []'))) {
      const off = setSourceKey(original, 0, 'enabled', false);
      expect((JSON.parse(off) as { sources: Array<{ enabled?: boolean }> }).sources[0]!.enabled).toBe(false);
      expect(setSourceKey(off, 0, 'enabled', undefined)).toBe(original);
      expect(setSourceKey(original, 0, 'enabled', undefined)).toBe(original);
      const replaced = setSourceKey(off, 0, 'enabled', true);
      expect(replaced).toBe(off.replace('false', 'true'));
    }
  });

  it('creates a configuration, and a "sources" key in one that has none', () => {
    expect(newConfigText([{ id: 'x', url: 'https://x.org/', tags: ['a'] }])).toBe('{\n  "sources": [\n    {\n      "id": "x",\n      "url": "https://x.org/",\n      "tags": ["a"]\n    }\n  ]\n}\n');
    expect(JSON.parse(appendSource('{\n  "fetch": {}\n}\n', { id: 'x', url: 'https://x.org/' }))).toEqual({ fetch: {}, sources: [{ id: 'x', url: 'https://x.org/' }] });
  });

  it('keeps any string value exact through the JSON text, and any add + remove byte-identical', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(layouts)), fc.string({ maxLength: 40 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }), (original, url, tags) => {
        const added = appendSource(original, { id: 'p', url, tags });
        const sources = (JSON.parse(added) as { sources: Array<{ url: string; tags: string[] }> }).sources;
        expect(sources.at(-1)).toEqual({ id: 'p', url, tags });
        expect(removeSource(added, sources.length - 1)).toBe(original);
      }),
    );
  });
});

describe('deriveSourceId', () => {
  it("takes the page's name from its URL, else its host, and stays unique", () => {
    const none = new Set<string>();
    expect(deriveSourceId('https://www.diplomatie.gouv.fr/en/country-files/north-korea/france-and-north-korea-65083/', none)).toBe('france-and-north-korea-65083');
    expect(deriveSourceId('https://www.example.org/', none)).toBe('example-org');
    expect(deriveSourceId('https://example.org/fr/index.html', none)).toBe('example-org');
    expect(deriveSourceId('https://example.org/C%C3%B4te%20d%27Ivoire.php?x=1', none)).toBe('cote-d-ivoire');
    expect(deriveSourceId('https://example.org/japan', new Set(['japan']))).toBe('example-org-japan');
    expect(deriveSourceId('https://example.org/japan', new Set(['japan', 'example-org-japan']))).toBe('example-org-japan-2');
    expect(deriveSourceId('https://example.org/', new Set(['example-org', 'example-org-2']))).toBe('example-org-3');
  });

  it('always gives a slug the configuration accepts', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(deriveSourceId(url, new Set())).toMatch(/^[a-z0-9][a-z0-9-]{0,62}$/u);
      }),
    );
    expect(slugify('x'.repeat(100))).toHaveLength(63);
  });
});
