import { describe, expect, it } from "vitest";
import { Gate, ScryptBusy } from "./scrypt-gate";

describe("scrypt lanes", () => {
  it("runs at most `concurrency` at once, queues the rest in order, and refuses beyond the queue", async () => {
    const gate = new Gate("test", 2, 2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const job = (n: number) =>
      gate.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        order.push(n);
        running--;
        return n;
      });
    const jobs = [job(1), job(2), job(3), job(4)];
    await expect(job(5)).rejects.toBeInstanceOf(ScryptBusy);
    expect(gate.stats).toEqual({ running: 2, waiting: 2 });
    while (order.length < 4) {
      await new Promise((r) => setImmediate(r));
      releases.shift()?.();
    }
    expect(await Promise.all(jobs)).toEqual([1, 2, 3, 4]);
    expect(peak).toBe(2);
    expect(gate.stats).toEqual({ running: 0, waiting: 0 });
  });

  it("frees its slot when the work throws", async () => {
    const gate = new Gate("test", 1, 0);
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run(async () => 7)).toBe(7);
  });
});
