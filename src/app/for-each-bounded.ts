/**
 * The one bounded-concurrency helper: runs `work` on each item with at most `concurrency` in
 * flight, taking items in order. Every pass (checks, claimed batches, deliveries) goes through it,
 * so "how many at once" and "what happens when one throws" are decided in one place.
 *
 * When a `work` call throws, no further item is started, the calls in flight are waited for (so
 * nothing is still writing when the caller retries), and the first error is thrown. When
 * `signal` aborts, no further item is started either, and the call resolves normally once the
 * calls in flight have finished: the caller decides what an unstarted item means.
 */
export async function forEachBounded<T>(
  items: Iterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let failure: { error: unknown } | null = null;
  const next = (): IteratorResult<T> => (failure || signal?.aborted ? { done: true, value: undefined } : iterator.next());
  const runner = async (): Promise<void> => {
    for (let item = next(); !item.done; item = next()) {
      try {
        await work(item.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const width = Math.max(1, Math.floor(Number.isFinite(concurrency) ? concurrency : 1));
  await Promise.all(Array.from({ length: width }, runner));
  if (failure) throw (failure as { error: unknown }).error;
}
