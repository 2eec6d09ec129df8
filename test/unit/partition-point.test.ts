import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countAtMost, partitionPoint } from '../../server/src/analysis/partition-point';

describe('partitionPoint', () => {
  const starts = [0, 4, 4, 9, 15];
  const before = (offset: number) => (i: number) => starts[i] < offset;

  it('counts the leading run that is before the offset', () => {
    assert.equal(partitionPoint(starts.length, before(0)), 0);
    assert.equal(partitionPoint(starts.length, before(4)), 1); // the first of equal values
    assert.equal(partitionPoint(starts.length, before(5)), 3);
    assert.equal(partitionPoint(starts.length, before(15)), 4);
    assert.equal(partitionPoint(starts.length, before(16)), 5);
  });

  it('answers 0 for nothing to search', () => {
    assert.equal(partitionPoint(0, () => true), 0);
  });

  it('asks about O(log n) indices', () => {
    let asked = 0;
    partitionPoint(1 << 20, (i) => (asked++, i < 12_345));
    assert.ok(asked <= 21, `asked ${asked} times`);
  });
});

describe('countAtMost', () => {
  it('counts the sorted values at most the value, as partitionPoint with that predicate', () => {
    const values = Int32Array.from([0, 4, 4, 9, 15]);
    for (let value = -1; value <= 16; value++) {
      assert.equal(countAtMost(values, value), partitionPoint(values.length, (i) => values[i] <= value), `at ${value}`);
    }
    assert.equal(countAtMost(values, 4), 3); // past every equal value
    assert.equal(countAtMost([], 7), 0);
  });
});
