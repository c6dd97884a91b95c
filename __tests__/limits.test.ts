/** lib/live/limits.ts: a call that outlives its limit is ended, and its socket told to close. */
import { NetworkTimeout, timeoutMessage, withinLimit } from "../lib/live/limits";

it("rejects with the message naming the endpoint, and aborts the work", async () => {
  let aborted = false;
  const limits = { timeoutMs: 30 };
  const never = (signal: AbortSignal) => new Promise<never>(() => signal.addEventListener("abort", () => (aborted = true)));
  const result = withinLimit(limits, () => timeoutMessage(limits, "EKS DescribeCluster in eu-west-1", "https://eks.example"), never);
  await expect(result).rejects.toEqual(new NetworkTimeout("timed out after 0.03s waiting for EKS DescribeCluster in eu-west-1 at https://eks.example, retries included (--timeout <seconds> sets the limit)"));
  expect(aborted).toBe(true);
});

it("passes on what finishes in time, and its errors", async () => {
  const limits = { timeoutMs: 5_000 };
  await expect(withinLimit(limits, () => "late", async () => 42)).resolves.toBe(42);
  await expect(withinLimit(limits, () => "late", async () => Promise.reject(new Error("AccessDenied")))).rejects.toThrow("AccessDenied");
});
