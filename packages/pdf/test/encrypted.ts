/**
 * Writes a tiny one-page PDF encrypted with the Standard security handler,
 * revision 3 (RC4, 128-bit key), for tests: pdf-lib cannot encrypt. Follows
 * ISO 32000-1 §7.6.3 algorithms 1, 2, 3 and 5.
 */
import { createHash } from 'node:crypto';
import { assemblePdf, stream } from './raw.js';

const PAD = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');

function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  let i = 0;
  j = 0;
  for (let k = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const md5 = (...parts: Buffer[]): Buffer => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
};

function padPassword(pw: string): Buffer {
  return Buffer.concat([Buffer.from(pw, 'latin1'), PAD]).subarray(0, 32);
}

/** RC4 with the key, then 19 more passes with the key XOR i (R3 step). */
function rc4Rounds(key: Buffer, data: Buffer): Buffer {
  let out = rc4(key, data);
  for (let i = 1; i <= 19; i++) out = rc4(Buffer.from(key.map((b) => b ^ i)), out);
  return out;
}

export function encryptedPdf(opts: { userPassword: string; ownerPassword: string; text: string }): Uint8Array {
  const id = createHash('md5').update(opts.text).digest();
  const P = -3904; // print allowed, copy/modify not
  // Algorithm 3: O
  let ok = md5(padPassword(opts.ownerPassword || opts.userPassword));
  for (let i = 0; i < 50; i++) ok = md5(ok);
  const O = rc4Rounds(ok.subarray(0, 16), padPassword(opts.userPassword));
  // Algorithm 2: file key
  const p = Buffer.alloc(4);
  p.writeInt32LE(P);
  let key = md5(padPassword(opts.userPassword), O, p, id);
  for (let i = 0; i < 50; i++) key = md5(key.subarray(0, 16));
  key = key.subarray(0, 16);
  // Algorithm 5: U
  const U = Buffer.concat([rc4Rounds(key, md5(PAD, id)), Buffer.alloc(16)]);
  // Algorithm 1: per-object key
  const objKey = (num: number): Buffer => {
    const extra = Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0]);
    return md5(key, extra).subarray(0, 16);
  };
  const escaped = opts.text.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = rc4(objKey(4), Buffer.from(`BT /F1 24 Tf 72 700 Td (${escaped}) Tj ET`, 'latin1'));
  return assemblePdf(
    [
      Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
      Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
      Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>'),
      stream('', content),
      Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
      Buffer.from(`<< /Filter /Standard /V 2 /R 3 /Length 128 /P ${P} /O <${O.toString('hex')}> /U <${U.toString('hex')}> >>`),
    ],
    `/Root 1 0 R /Encrypt 6 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]`,
  );
}
