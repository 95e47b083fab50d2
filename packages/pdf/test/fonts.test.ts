import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fontStyle, suffixStyles } from '../src/fonts.js';

const style = (name: string, flags: Record<string, unknown> = {}) => {
  const s = fontStyle({ name, ...flags });
  return [s.name, s.bold, s.italic, s.monospace];
};

test('styles from PostScript names, subset prefix dropped', () => {
  assert.deepEqual(style('ABCDEF+Times-Bold'), ['Times-Bold', true, false, false]);
  assert.deepEqual(style('XYZABC+Arial-BoldItalicMT'), ['Arial-BoldItalicMT', true, true, false]);
  assert.deepEqual(style('Helvetica-Oblique'), ['Helvetica-Oblique', false, true, false]);
  assert.deepEqual(style('MinionPro-It'), ['MinionPro-It', false, true, false]);
  assert.deepEqual(style('SourceSansPro-Semibold'), ['SourceSansPro-Semibold', true, false, false]);
  assert.deepEqual(style('Courier'), ['Courier', false, false, true]);
  assert.deepEqual(style('DejaVuSansMono'), ['DejaVuSansMono', false, false, true]);
  assert.deepEqual(style('Calibri'), ['Calibri', false, false, false]);
});

test('TeX font names: CMBX bold, CMTI/CMSL italic, CMTT monospace, CMR plain', () => {
  assert.deepEqual(style('IYCZZB+CMBX12'), ['CMBX12', true, false, false]);
  assert.deepEqual(style('QWERTY+CMTI10'), ['CMTI10', false, true, false]);
  assert.deepEqual(style('QWERTY+CMSL10'), ['CMSL10', false, true, false]);
  assert.deepEqual(style('QWERTY+CMTT10'), ['CMTT10', false, false, true]);
  assert.deepEqual(style('IYCZZB+CMR10'), ['CMR10', false, false, false]);
});

test('pdf.js flags count even when the name says nothing', () => {
  assert.deepEqual(style('F1', { bold: true }), ['F1', true, false, false]);
  assert.deepEqual(style('F2', { black: true, italic: true }), ['F2', true, true, false]);
  assert.deepEqual(style('F3', { isMonospace: true }), ['F3', false, false, true]);
  assert.deepEqual(fontStyle(undefined), { bold: false, italic: false, monospace: false });
});

test("FPDF's style suffixes (notoB, notoBI, notoI) are styles only beside the family's plain face", () => {
  const styles = suffixStyles(['utf8noto-sans-cjk', 'utf8noto-sans-cjkB', 'utf8noto-sans-cjkBI', 'utf8noto-sans-cjkI', 'ArialMTB', 'F1', 'F1B']);
  assert.deepEqual(Object.fromEntries(styles), {
    'utf8noto-sans-cjkB': { bold: true, italic: false },
    'utf8noto-sans-cjkBI': { bold: true, italic: true },
    'utf8noto-sans-cjkI': { bold: false, italic: true },
  });
});

test('"Unicode" in a name is no code font: Arial Unicode MS is proportional; Source Code Pro and Fira Code are monospaced', () => {
  assert.deepEqual(style('MPDFAA+ArialUnicodeMS'), ['ArialUnicodeMS', false, false, false]);
  assert.equal(fontStyle({ name: 'SourceCodePro-Regular' }).monospace, true);
  assert.equal(fontStyle({ name: 'FiraCode-Regular' }).monospace, true);
});
