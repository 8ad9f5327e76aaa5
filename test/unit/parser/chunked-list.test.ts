import { strict as assert } from "node:assert";
import { ChunkedList } from "../../../server/src/parser/chunked-list.ts";

describe("ChunkedList", () => {
  it("keeps items in order across chunks, by index, last and as one array", () => {
    for (const n of [0, 1, 2047, 2048, 2049, 10_000]) {
      const list = new ChunkedList<number>();
      for (let i = 0; i < n; i++) list.push(i * 3);
      assert.equal(list.length, n);
      assert.equal(list.last(), n === 0 ? undefined : (n - 1) * 3);
      for (const i of [0, 2047, 2048, n - 1]) if (i >= 0 && i < n) assert.equal(list.at(i), i * 3);
      assert.deepEqual(list.toArray(), Array.from({ length: n }, (_, i) => i * 3));
      // With room for more: the same items, nothing after them.
      const roomy = list.toArray(8);
      assert.deepEqual(roomy, Array.from({ length: n }, (_, i) => i * 3));
      roomy.push(-1);
      assert.equal(roomy[n], -1);
    }
  });
});
