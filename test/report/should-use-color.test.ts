import { describe, expect, it } from 'vitest';
import { shouldUseColor } from '../../src/report/should-use-color.ts';

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe('shouldUseColor', () => {
  it('colours a terminal and never a pipe or file by default', () => {
    expect(shouldUseColor(tty, {})).toBe(true);
    expect(shouldUseColor(pipe, {})).toBe(false);
    expect(shouldUseColor({}, {})).toBe(false);
  });

  it('honours NO_COLOR whatever its value', () => {
    expect(shouldUseColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: '0' })).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: '' })).toBe(false);
  });

  it('honours FORCE_COLOR, on or off, before NO_COLOR (as Node does)', () => {
    expect(shouldUseColor(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldUseColor(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(shouldUseColor(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldUseColor(tty, { FORCE_COLOR: 'false' })).toBe(false);
    expect(shouldUseColor(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
  });

  it('does not colour a dumb terminal', () => {
    expect(shouldUseColor(tty, { TERM: 'dumb' })).toBe(false);
  });
});
