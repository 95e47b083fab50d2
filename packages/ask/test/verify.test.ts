import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyCitations } from '../src/index.js';
import { makeDoc } from './helpers.js';

const doc = makeDoc([
  { markdown: '# Results\n\nThe **median latency** fell to 42 ms after the “cache” was enabled.' },
  { markdown: 'Throughput rose by a factor of three on the seman-\ntic benchmark, as Table 2 shows.' },
  { markdown: 'Appendix: the raw measurements are listed for every run of the experiment in the lab.' },
]);

test('a quote on its page is kept, whatever its case, quotes and markup', () => {
  const r = verifyCitations(doc, [{ page: 1, quote: 'the median LATENCY fell to 42 ms after the "cache" was enabled' }]);
  assert.deepEqual(r.citations, [{ page: 1, quote: 'the median LATENCY fell to 42 ms after the "cache" was enabled' }]);
  assert.equal(r.kept, 1);
});

test('a word hyphenated across a line break matches the joined word', () => {
  const r = verifyCitations(doc, [{ page: 2, quote: 'on the semantic benchmark' }]);
  assert.equal(r.kept, 1);
});

test('a quote on another page moves to that page', () => {
  const r = verifyCitations(doc, [{ page: 3, quote: 'Throughput rose by a factor of three' }]);
  assert.deepEqual(r.citations, [{ page: 2, quote: 'Throughput rose by a factor of three' }]);
  assert.equal(r.repaired, 1);
});

test('a near quote is replaced by the page text; an invented one is dropped', () => {
  const r = verifyCitations(doc, [
    { page: 3, quote: 'the raw measurements are listed for each run of the experiment' },
    { page: 1, quote: 'latency rose to 900 ms under load' },
    { page: 9, quote: 'nothing like this is anywhere' },
    { page: 1, quote: '' },
  ]);
  assert.deepEqual(r.citations, [{ page: 3, quote: 'the raw measurements are listed for every run of the experiment' }]);
  assert.equal(r.repaired, 1);
  assert.equal(r.dropped, 3);
});

test('a short quote must match exactly, and only at word boundaries', () => {
  const r = verifyCitations(doc, [{ page: 1, quote: 'dian lat' }, { page: 2, quote: 'factor of four' }]);
  assert.equal(r.citations.length, 0);
});
