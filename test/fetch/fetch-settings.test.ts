import { describe, expect, it } from 'vitest';
import { defaultFetchSettings, resolveFetchSettings } from '../../src/fetch/fetch-settings.ts';

describe('resolveFetchSettings', () => {
  it('has the documented defaults', () => {
    expect(resolveFetchSettings()).toEqual({
      userAgent: 'factwatch/0.1 (+https://github.com/factwatch/factwatch)',
      headersTimeoutMs: 15_000,
      bodyTimeoutMs: 30_000,
      maxBytes: 10 * 1024 * 1024,
      maxRedirects: 5,
      retries: 2,
      retryBaseMs: 500,
      allowNetworks: [],
      perHost: { concurrency: 2, minDelayMs: 0 },
      robots: true,
    });
  });

  it('layers later settings over earlier ones, field by field, perHost included', () => {
    const resolved = resolveFetchSettings({ retries: 5, perHost: { concurrency: 4, minDelayMs: 0 } }, {
      maxBytes: 100,
      perHost: { minDelayMs: 250 } as never,
    });
    expect(resolved.retries).toBe(5);
    expect(resolved.maxBytes).toBe(100);
    expect(resolved.perHost).toEqual({ concurrency: 4, minDelayMs: 250 });
  });

  it('ignores undefined values instead of erasing defaults', () => {
    expect(resolveFetchSettings({ userAgent: undefined, retries: undefined }).retries).toBe(defaultFetchSettings.retries);
  });

  it('does not share the default arrays and objects with callers', () => {
    const resolved = resolveFetchSettings();
    resolved.allowNetworks.push('10.0.0.0/8');
    resolved.perHost.concurrency = 99;
    expect(defaultFetchSettings.allowNetworks).toEqual([]);
    expect(defaultFetchSettings.perHost?.concurrency).toBe(2);
  });
});
