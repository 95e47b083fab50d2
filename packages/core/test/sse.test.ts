import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseParser, type SseEvent } from '../src/index.js';

/** What the API's event route writes for a job (services/api/src/routes/events.ts), with a heartbeat. */
const STREAM =
  'retry: 3000\n\n' +
  'id: 1\nevent: status\ndata: {"status":"running","note":"a: b"}\n\n' +
  ': heartbeat\n\n' +
  'id: 2\nevent: progress\ndata: {"pagesDone":1,"pagesTotal":2}\n\n' +
  'data: first line\ndata:second line\ndata:  two spaces\n\n' +
  'event: status\nid: 3\ndata\n\n';

const EXPECTED: SseEvent[] = [
  { event: 'status', data: '{"status":"running","note":"a: b"}', id: '1' },
  { event: 'progress', data: '{"pagesDone":1,"pagesTotal":2}', id: '2' },
  { event: 'message', data: 'first line\nsecond line\n two spaces', id: '2' },
  { event: 'status', data: '', id: '3' },
];

function parseAll(pieces: string[]): { events: SseEvent[]; comments: string[] } {
  const comments: string[] = [];
  const parser = new SseParser((c) => comments.push(c));
  return { events: pieces.flatMap((p) => parser.push(p)), comments };
}

test('SseParser reads events, ids, multi-line data and comments; retry-only blocks dispatch nothing', () => {
  assert.deepEqual(parseAll([STREAM]), { events: EXPECTED, comments: ['heartbeat'] });
});

test('SseParser gives the same events however the stream is cut, with \\n, \\r\\n or \\r line ends', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const text = STREAM.replaceAll('\n', eol);
    for (let size = 1; size <= 7; size++) {
      const pieces: string[] = [];
      for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
      assert.deepEqual(parseAll(pieces), { events: EXPECTED, comments: ['heartbeat'] }, `${JSON.stringify(eol)} in pieces of ${size}`);
    }
  }
});

test('SseParser holds an event until its blank line, and an unfinished one is not dispatched', () => {
  const parser = new SseParser();
  assert.deepEqual(parser.push('event: status\ndata: {"a":1}\n'), []);
  assert.deepEqual(parser.push('\n'), [{ event: 'status', data: '{"a":1}' }]);
  assert.deepEqual(parser.push('event: progress\ndata: {"b":2}'), []);
});
