/**
 * The one worker pool of the live commands: a few AWS calls or child processes at a time, so a
 * cluster of thousands of associations neither waits for each call in turn nor opens thousands
 * of connections (or processes) at once.
 */

/**
 * Runs `work` on every item, at most `limit` at once, starting them in the items' order.
 * Resolves when all are done; on the first failure no further item starts, and the promise
 * rejects with that failure once the running ones have settled.
 */
export async function forEachAtMost<T>(items: ReadonlyArray<T>, limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        await work(items[i]!, i);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const workers = Array.from({ length: Math.min(Math.max(1, Math.floor(limit)), items.length) }, worker);
  const settled = await Promise.allSettled(workers);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failure) throw failure.reason;
}
