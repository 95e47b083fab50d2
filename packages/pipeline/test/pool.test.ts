import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickTask } from '../src/pool-pick.js';

const q = (...docs: string[]) => docs.map((docId) => ({ docId }));

test('a free thread takes a task of a document it holds first, even behind others', () => {
  assert.equal(pickTask(q('a', 'b', 'c'), ['c'], new Set(['a', 'c'])), 2);
  assert.equal(pickTask(q('a', 'b', 'c'), ['c'], new Set(['a', 'c']), 4), 2);
});

test('then a task of a document no thread holds, before the last pages of one another thread holds', () => {
  // Thread 1 holds "a" (two pages left); "b" is new: the free thread opens "b", not "a" a second time.
  assert.equal(pickTask(q('a', 'a', 'b'), [], new Set(['a']), 4), 2);
});

test('with stealMin, a few pages of a document another thread holds are left to that thread', () => {
  assert.equal(pickTask(q('a', 'a', 'a'), [], new Set(['a']), 4), -1);
  assert.equal(pickTask([], [], new Set(), 4), -1);
});

test("with stealMin, a long document's pages still spread over every thread", () => {
  assert.equal(pickTask(q('a', 'a', 'b', 'a', 'a'), ['x'], new Set(['a', 'b', 'x']), 4), 0);
});

test('by default a free thread takes the oldest waiting task (the job system\'s fair order), never waits', () => {
  assert.equal(pickTask(q('a'), [], new Set(['a'])), 0);
  assert.equal(pickTask(q('a', 'b'), [], new Set(['a'])), 0);
});
