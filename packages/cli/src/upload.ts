import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DocmillError } from '@docmill/core';

/** A socket quiet for this long during an upload is given up (and the upload retried). */
const UPLOAD_IDLE_MS = 120_000;

/**
 * POSTs one file as multipart/form-data (option fields first, then `file`),
 * streamed from disk with backpressure: memory holds a few chunks whatever the
 * file's size. Content-Length is sent (the file's size when the upload began).
 * @param url where to POST
 * @param headers request headers (authorization, idempotency-key)
 * @param fields option fields, sent before the file
 * @param path the file
 * @param signal aborts the upload
 * @returns the server's answer as a fetch Response (its body read: answers are small JSON)
 * Rejects with the transport's error (the caller classifies it); INPUT_CHANGED when
 * the file shrank while it was sent. Does not retry.
 * Note: Node 20's fetch reads a streamed request body far ahead of the socket (a
 * 300 MB upload took 360 MB of memory), node:http with pipeline() does not (76 MB).
 */
export async function postFile(url: URL, headers: Record<string, string>, fields: Record<string, string>, path: string, signal?: AbortSignal): Promise<Response> {
  const size = (await stat(path)).size;
  const boundary = `----docmill-${randomBytes(16).toString('hex')}`;
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const name = basename(path).replace(/[^\x20-\x7e]|["\\]/g, '_');
  const head = Buffer.from(`${parts.join('')}--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${name}"\r\ncontent-type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  async function* body(): AsyncGenerator<Buffer> {
    yield head;
    let sent = 0;
    if (size > 0) {
      for await (const chunk of createReadStream(path, { start: 0, end: size - 1 })) {
        sent += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    }
    if (sent !== size) throw new DocmillError('INPUT_CHANGED', `${path} shrank from ${size} to ${sent} bytes while it was uploaded.`);
    yield tail;
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Response>((resolve, reject) => {
    let answered = false;
    const req = send(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + size + tail.length) },
      ...(signal ? { signal } : {}),
    });
    req.setTimeout(UPLOAD_IDLE_MS, () => req.destroy(new Error(`no progress for ${UPLOAD_IDLE_MS / 1000} s`)));
    req.on('response', (res: IncomingMessage) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        resolve(new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode ?? 500, headers: h }));
      });
    });
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    // Note: a server may answer (401, 413) before it read the whole body; its answer wins over the broken pipe.
    pipeline(body(), req).catch((e: unknown) => {
      if (!answered) reject(e);
    });
  });
}
