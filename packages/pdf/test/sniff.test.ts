import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { sniffType } from '../src/index.js';

const base = () => sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 10, g: 20, b: 30 } } });

test('images made by sharp sniff as their type', async () => {
  assert.equal(sniffType(await base().png().toBuffer()), 'image/png');
  assert.equal(sniffType(await base().jpeg().toBuffer()), 'image/jpeg');
  assert.equal(sniffType(await base().tiff().toBuffer()), 'image/tiff');
  assert.equal(sniffType(await base().tiff({ bigtiff: true }).toBuffer()), 'image/tiff');
  assert.equal(sniffType(await base().webp().toBuffer()), 'image/webp');
});

test('unsupported images and text are undefined', async () => {
  assert.equal(sniffType(await base().gif().toBuffer()), undefined);
  assert.equal(sniffType(new TextEncoder().encode('hello, world')), undefined);
  assert.equal(sniffType(new Uint8Array(0)), undefined);
  // RIFF but not WebP (a WAV header).
  assert.equal(sniffType(new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt ')), undefined);
});

test('a PDF header may follow up to 1024 bytes of junk, not more', () => {
  const pdf = (junk: number) => new Uint8Array([...new Uint8Array(junk).fill(0x41), ...new TextEncoder().encode('%PDF-1.7\n')]);
  assert.equal(sniffType(pdf(0)), 'application/pdf');
  assert.equal(sniffType(pdf(1024)), 'application/pdf');
  assert.equal(sniffType(pdf(1025)), undefined);
  assert.equal(sniffType(new TextEncoder().encode('%PDF')), undefined);
});
