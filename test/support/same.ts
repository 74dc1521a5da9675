import { expect } from 'chai';
import { isDeepStrictEqual } from 'node:util';

/**
 * chai's `expect(actual, label).to.deep.equal(expected)`, asked of node's deep equality first: on the
 * plain rows a property test compares thousands of times, chai's deep-eql (a memo of every pair it
 * compares, a proxy per chain) was half a test file's CPU, node's a tenth of that. Equal to node is
 * equal to chai for such data; anything else goes to chai, which decides and explains the difference.
 */
export function expectSame(actual: unknown, expected: unknown, label?: string): void {
  if (isDeepStrictEqual(actual, expected)) return;
  expect(actual, label).to.deep.equal(expected);
}
