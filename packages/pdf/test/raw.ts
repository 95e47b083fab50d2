/** Hand-assembled PDFs for cases pdf-lib will not write (no pages, encryption, absurd images). */

/**
 * Serialises numbered objects (1..n) into a PDF with a classic xref table.
 * @param objects object bodies, object i+1 is objects[i]
 * @param trailer extra trailer entries besides /Size (e.g. "/Root 1 0 R")
 */
export function assemblePdf(objects: Buffer[], trailer: string): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let pos = parts[0]!.length;
  objects.forEach((body, i) => {
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets.push(pos);
    parts.push(obj);
    pos += obj.length;
  });
  const xref = ['xref', `0 ${objects.length + 1}`, '0000000000 65535 f ', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `)].join('\n');
  parts.push(Buffer.from(`${xref}\ntrailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${pos}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

export function stream(dict: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]);
}

/** A valid PDF whose page tree is empty (/Count 0). */
export function zeroPagePdf(): Uint8Array {
  return assemblePdf([Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'), Buffer.from('<< /Type /Pages /Kids [] /Count 0 >>')], '/Root 1 0 R');
}

/**
 * One Letter page painting one gray image XObject that declares width×height
 * pixels but carries only a few bytes (a decompression-bomb stand-in when large).
 */
export function imagePdf(width: number, height: number): Uint8Array {
  const content = Buffer.from('q 200 0 0 200 100 100 cm /Im1 Do Q');
  return assemblePdf(
    [
      Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
      Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
      Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>'),
      stream('', content),
      stream(`/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8`, Buffer.alloc(64, 0x80)),
    ],
    '/Root 1 0 R',
  );
}

/** One page whose content stream claims Flate compression but holds bytes that are not. */
export function badFlatePdf(): Uint8Array {
  return assemblePdf(
    [
      Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
      Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
      Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>'),
      stream('/Filter /FlateDecode', Buffer.from([0x78, 0x9c, 0xff, 0xff, 0xff, 0x00, 0x13, 0x37, 0x42, 0x42, 0x42, 0x42])),
    ],
    '/Root 1 0 R',
  );
}
