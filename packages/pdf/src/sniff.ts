import type { ByteRanges } from './ranges.js';

/** The input types docmill reads, as detected from their first bytes. */
export type SniffedType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff' | 'image/webp';

// Note: pdf.js (like Acrobat) accepts a PDF header preceded by junk within the
// first 1024 bytes (mail gateways and some scanners prepend it), so we do too.
const PDF_HEADER_WINDOW = 1024;
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

function findPdfHeader(bytes: Uint8Array): number {
  const last = Math.min(PDF_HEADER_WINDOW, bytes.length - PDF_MAGIC.length);
  for (let at = 0; at <= last; at++) if (bytes[at] === 0x25 && startsWith(bytes, PDF_MAGIC, at)) return at;
  return -1;
}

/**
 * Detects the type of an input by its magic bytes.
 * @param input the input, or a file read by ranges (only the first ~1 KiB is looked at, and read)
 * @returns the MIME type, or undefined when docmill does not read this kind of input
 * Does not validate the rest of the file: a truncated PNG still sniffs as PNG.
 */
export function sniffType(input: Uint8Array | ByteRanges): SniffedType | undefined {
  const bytes = input instanceof Uint8Array ? input : input.read(0, PDF_HEADER_WINDOW + PDF_MAGIC.length);
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  // Classic TIFF ("II*\0" / "MM\0*") and BigTIFF ("II+\0" / "MM\0+").
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(bytes, [0x49, 0x49, 0x2b, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2b])) return 'image/tiff';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (findPdfHeader(bytes) >= 0) return 'application/pdf';
  return undefined;
}
