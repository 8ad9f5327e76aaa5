import { strict as assert } from "node:assert";
import { intern, sliceShared } from "../../../server/src/parser/chars.ts";

describe("shared strings", () => {
  it("gives a short word read again as the same string, and every word as its text", () => {
    const text = "state BACKUP\nstate BACKUP\nvirtual_router_id 51 virtual_router_id";
    const first = sliceShared(text, 6, 12);
    const again = sliceShared(text, 19, 25);
    assert.equal(first, "BACKUP");
    assert.ok(Object.is(first, again));
    // A word that shares a cache slot with another is still read as itself.
    for (let start = 0; start < text.length; start++) {
      for (let end = start + 1; end <= Math.min(text.length, start + 20); end++) assert.equal(sliceShared(text, start, end), text.slice(start, end));
    }
  });

  it("interns keywords to one string each and leaves other words alone", () => {
    assert.equal(intern("priority"), "priority");
    assert.equal(intern("10.0.0.1"), "10.0.0.1");
    assert.equal(intern(""), "");
  });
});
