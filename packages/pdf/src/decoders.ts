/**
 * A one-page PDF that makes pdf.js load both of its WebAssembly image decoders: an inline
 * CCITT (G4) image, decoded by the JBIG2/CCITT module, and a JPX image, decoded by OpenJPEG.
 * The JPX stream is a bare codestream header (SOC and SIZ markers, no tiles): enough for pdf.js
 * to read its size and start the decoder, which then fails on it, quietly. See `warmDecoders` in document.ts.
 */
export function decoderWarmupPdf(): Uint8Array {
  const ccitt = Buffer.from([0xff, 0x00, 0x10, 0x01]); // eight all-white rows (V0 codes), then EOFB
  const jpx = Buffer.from([
    0xff, 0x4f, 0xff, 0x51, 0x00, 0x29, 0x00, 0x00,
    0, 0, 0, 8, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 8, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0,
    0x00, 0x01, 0x07, 0x01, 0x01, 0xff, 0xd9,
  ]);
  const content = Buffer.concat([
    Buffer.from('q 8 0 0 8 0 0 cm BI /W 8 /H 8 /IM true /F /CCF /DP << /K -1 /Columns 8 /Rows 8 >> ID '),
    ccitt,
    Buffer.from(' EI Q q 8 0 0 8 0 0 cm /J Do Q'),
  ]);
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Resources << /XObject << /J 5 0 R >> >> /Contents 4 0 R >>'),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]),
    Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /Filter /JPXDecode /Length ${jpx.length} >>\nstream\n`), jpx, Buffer.from('\nendstream')]),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.5\n')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((body, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets.push(at);
    parts.push(obj);
    at += obj.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}
