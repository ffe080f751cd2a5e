import { describe, expect, it } from 'vitest';
import { isEmptyChange } from '../../src/diff/is-empty-change.ts';
import type { Change } from '../../src/model/index.ts';
import { figure } from './make-document.ts';

function emptyChange(): Change {
  return {
    updated: { from: '2017-07-05', to: '2017-07-05' },
    url: null,
    title: null,
    sections: { added: [], removed: [], changed: [] },
    figures: { added: [], removed: [], changed: [] },
  };
}

describe('isEmptyChange', () => {
  it('is true only when nothing at all changed', () => {
    expect(isEmptyChange(emptyChange())).toBe(true);
  });

  it('is false for a URL-only change: where the page lives is news', () => {
    expect(isEmptyChange({ ...emptyChange(), url: { from: 'https://a.example/', to: 'https://b.example/' } })).toBe(false);
  });

  it('is false when any list has an entry', () => {
    const change = emptyChange();
    change.figures.removed = [figure({ key: 'x' })];
    expect(isEmptyChange(change)).toBe(false);
  });
});
