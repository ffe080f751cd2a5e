import { describe, expect, it } from 'vitest';
import { isEmptyChange } from '../../src/diff/is-empty-change.ts';
import { emptyChange, figure } from './make-document.ts';

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
