import type postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { retryOnHandover } from '../../../src/store/embedded/retry-on-handover.ts';

/**
 * The handover retry covers every way a query is sent. The pool is a stand-in for the driver
 * whose first connection closes under it, as a connection to an exiting owner does, so each
 * form can be made to meet a lost connection on demand. The store is not involved.
 */
function closingDriver(failures: number) {
  let calls = 0;
  const send = (rows: unknown[]) => {
    calls++;
    const result = calls <= failures ? Promise.reject(Object.assign(new Error('write CONNECTION_CLOSED localhost:5432'), { code: 'CONNECTION_CLOSED' })) : Promise.resolve(rows);
    return Object.assign(result, { values: () => result.then((r) => r.map((x) => Object.values(x as object))) });
  };
  const sql = Object.assign((strings: TemplateStringsArray | string) => (Array.isArray(strings) ? send([{ one: 1 }]) : { fragment: strings }), {
    unsafe: () => send([{ one: 1 }]),
  });
  return { sql: sql as unknown as postgres.Sql, calls: () => calls };
}

describe('retryOnHandover', () => {
  it('sends a tagged-template query again when its connection closed (the opening probe of a new process)', async () => {
    const driver = closingDriver(1);
    const sql = retryOnHandover(driver.sql);
    await expect(sql`select 1 as one`).resolves.toEqual([{ one: 1 }]);
    expect(driver.calls()).toBe(2);
  });

  it('sends an unsafe query again, awaited whole or as values', async () => {
    const whole = closingDriver(2);
    await expect(retryOnHandover(whole.sql).unsafe('select 1 as one')).resolves.toEqual([{ one: 1 }]);
    expect(whole.calls()).toBe(3);
    const values = closingDriver(1);
    await expect(retryOnHandover(values.sql).unsafe('select 1 as one').values()).resolves.toEqual([[1]]);
    expect(values.calls()).toBe(2);
  });

  it('gives up after three attempts, and leaves a fragment (sql(value)) as it is', async () => {
    const driver = closingDriver(5);
    await expect(retryOnHandover(driver.sql)`select 1`).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    expect(driver.calls()).toBe(3);
    expect((retryOnHandover(driver.sql) as unknown as (v: string) => unknown)('name')).toEqual({ fragment: 'name' });
  });
});
