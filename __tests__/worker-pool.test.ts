/** lib/live/worker-pool.ts: at most n at once, every item once, and no new start after a failure. */
import { forEachAtMost } from "../lib/live/worker-pool";

/** A task per item that stays running until released, recording how many ran at once. */
function gate() {
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const release: Array<() => void> = [];
  const work = (item: number) =>
    new Promise<void>((done) => {
      started.push(item);
      most = Math.max(most, ++running);
      release.push(() => {
        running--;
        done();
      });
    });
  return { work, started, release, most: () => most };
}

const tick = () => new Promise((r) => setImmediate(r));

it("runs every item once, at most `limit` at a time, in the items' order", async () => {
  const g = gate();
  const items = [0, 1, 2, 3, 4, 5, 6];
  const all = forEachAtMost(items, 3, g.work);
  await tick();
  expect(g.started).toEqual([0, 1, 2]);
  g.release.shift()!();
  await tick();
  expect(g.started).toEqual([0, 1, 2, 3]);
  while (g.started.length < items.length || g.release.length > 0) {
    g.release.shift()?.();
    await tick();
  }
  await all;
  expect(g.started).toEqual(items);
  expect(g.most()).toBe(3);
});

it("passes each item's index", async () => {
  const seen: Array<[string, number]> = [];
  await forEachAtMost(["a", "b", "c"], 2, async (item, i) => {
    seen.push([item, i]);
  });
  expect(seen.sort()).toEqual([["a", 0], ["b", 1], ["c", 2]]);
});

it("runs one at a time for a limit below one, and nothing for no items", async () => {
  const g = gate();
  const all = forEachAtMost([1, 2], 0, g.work);
  await tick();
  expect(g.started).toEqual([1]);
  g.release.shift()!();
  await tick();
  g.release.shift()!();
  await all;
  expect(g.most()).toBe(1);
  await expect(forEachAtMost([], 5, () => Promise.reject(new Error("never")))).resolves.toBeUndefined();
});

it("starts no further item after a failure, and rejects with it once the running ones settle", async () => {
  const started: number[] = [];
  let finishedSlow = false;
  const all = forEachAtMost([0, 1, 2, 3, 4], 2, async (item) => {
    started.push(item);
    if (item === 0) throw new Error("item 0 failed");
    await tick();
    await tick();
    finishedSlow = true;
  });
  await expect(all).rejects.toThrow("item 0 failed");
  expect(started).toEqual([0, 1]);
  expect(finishedSlow).toBe(true);
});
