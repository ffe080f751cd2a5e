import { describe, expect, it } from 'vitest';
import {
  ARCHIVE_CODES,
  BLOCKED_FETCH_CODES,
  FactwatchError,
  FETCH_CODES,
  FetchError,
  isBlockedCode,
  isFactwatchCode,
} from '../../src/app/errors.ts';
import { DeliveryError } from '../../src/notify/delivery-error.ts';
import { ArchiveError } from '../../src/import/archive-error.ts';

describe('error codes', () => {
  it('tells blocked fetches apart by the list, not by the spelling of the code', () => {
    expect(FETCH_CODES.filter(isBlockedCode)).toEqual([...BLOCKED_FETCH_CODES]);
    expect(isBlockedCode('gone')).toBe(false);
    expect(isBlockedCode('timeout')).toBe(false);
    expect(new FetchError('blocked_robots', 'https://a.test/p', 'disallowed').blocked).toBe(true);
    expect(new FetchError('http_status', 'https://a.test/p', 'HTTP 500').blocked).toBe(false);
  });

  it('keeps a fetch failure\'s detail apart from the URL its message starts with', () => {
    const e = new FetchError('timeout', 'https://a.test/p', 'timed out (UND_ERR_HEADERS_TIMEOUT: x)', { retryable: true });
    expect(e.message).toBe('https://a.test/p: timed out (UND_ERR_HEADERS_TIMEOUT: x)');
    expect(e.detail).toBe('timed out (UND_ERR_HEADERS_TIMEOUT: x)');
    expect(e).toMatchObject({ code: 'timeout', url: 'https://a.test/p', retryable: true, name: 'FetchError' });
  });

  it('knows every code its error classes carry', () => {
    expect(new DeliveryError('x', { retryable: false }).code).toBe('delivery_failed');
    for (const code of ARCHIVE_CODES) expect(new ArchiveError(code, 'x').code).toBe(code);
    for (const code of [...FETCH_CODES, 'usage', 'version_conflict', 'suspect_page', 'bad_cdx']) expect(isFactwatchCode(code)).toBe(true);
    expect(isFactwatchCode('blocked')).toBe(false);
    // @ts-expect-error an unknown code does not compile
    expect(new FactwatchError('tiemout', 'x').code).toBe('tiemout');
  });

});
