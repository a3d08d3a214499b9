// Group commit (sale-queue.ts): which items go together, with batches whose end the test
// decides. The trickle below is how a flash sale's crowd comes back: one request at a time
// while a batch is in flight.
import { describe, expect, it } from "vitest";
import { groupCommit } from "./sale-queue";

/** A group commit whose batches finish when the test says; `batches` records each batch's items. */
function controlledGroupCommit({ minBatch, maxInFlight = 4 }: { minBatch?: number; maxInFlight?: number }) {
  const batches: number[][] = [];
  const finishers: Array<() => void> = [];
  const submit = groupCommit<number, number>({
    run: (batch) => {
      batches.push(batch);
      return new Promise((resolve) => finishers.push(() => resolve(batch.map((item) => ({ value: item * 10 })))));
    },
    maxBatch: 64,
    maxInFlight,
    minBatch,
  });
  return {
    batches,
    submit,
    /** Finishes the oldest batch still in flight and lets its answers and the next batch start. */
    async finishOldest() {
      finishers.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe("group commit", () => {
  it("runs a lone item at once, as a batch of one", async () => {
    const queue = controlledGroupCommit({ minBatch: 8 });
    const answer = queue.submit("sale", 1);
    expect(queue.batches).toEqual([[1]]);
    await queue.finishOldest();
    await expect(answer).resolves.toBe(10);
  });

  it("while a batch is in flight, a trickle waits and goes with the next batch, not as batches of one", async () => {
    const queue = controlledGroupCommit({ minBatch: 8 });
    const answers = [queue.submit("sale", 1)];
    for (let item = 2; item <= 6; item++) answers.push(queue.submit("sale", item));
    // Five wait: fewer than 8, so nothing starts beside the batch in flight.
    expect(queue.batches).toEqual([[1]]);
    await queue.finishOldest();
    // The finished batch hands its place to everything waiting, in the order it came.
    expect(queue.batches).toEqual([[1], [2, 3, 4, 5, 6]]);
    await queue.finishOldest();
    await expect(Promise.all(answers)).resolves.toEqual([10, 20, 30, 40, 50, 60]);
  });

  it("starts a batch beside the one in flight once minBatch items wait", async () => {
    const queue = controlledGroupCommit({ minBatch: 3 });
    for (let item = 1; item <= 4; item++) void queue.submit("sale", item);
    expect(queue.batches).toEqual([[1], [2, 3, 4]]);
    void queue.submit("sale", 5);
    expect(queue.batches).toHaveLength(2);
  });

  it("keys batch apart: another event's order does not wait for this one's batch", () => {
    const queue = controlledGroupCommit({ minBatch: 8 });
    void queue.submit("event-a", 1);
    void queue.submit("event-b", 2);
    expect(queue.batches).toEqual([[1], [2]]);
  });

  it("control: without minBatch (every free place taken at once), the same trickle goes as batches of one", async () => {
    const queue = controlledGroupCommit({});
    for (let item = 1; item <= 6; item++) void queue.submit("sale", item);
    expect(queue.batches).toEqual([[1], [2], [3], [4]]);
    await queue.finishOldest();
    expect(queue.batches).toEqual([[1], [2], [3], [4], [5, 6]]);
  });
});
