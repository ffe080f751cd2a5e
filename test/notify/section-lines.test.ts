import { describe, expect, it } from 'vitest';
import { sectionLines } from '../../src/notify/build-notification.ts';

describe('chat lines on sections', () => {
  it('names renamed sections and counts moved text by where it went, as plain text each channel escapes', () => {
    const lines = sectionLines({
      sectionsAdded: ['Consular services'],
      sectionsRemoved: [],
      sectionsRenamed: [{ from: 'Fisheries', to: 'Research <@here>', hunks: [] }],
      textMoved: [
        { from: 'Introduction (before the first heading)', to: 'Consular services', excerpt: 'a', hunks: [] },
        { from: 'Introduction (before the first heading)', to: 'Consular services', excerpt: 'b', hunks: [] },
        { from: 'Culture', to: 'Consular services', excerpt: 'c', hunks: [] },
      ],
    });
    expect(lines).toEqual([
      'Sections added: Consular services',
      'Sections renamed: Fisheries → Research <@here>',
      'Text moved: 3 paragraphs (Introduction (before the first heading) → Consular services, Culture → Consular services)',
    ]);
  });
});
