import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { DocmillError } from '@docmill/core';
import { checkKey } from './keys.js';
import type { Store } from './store.js';

/** Splits `s3://bucket/some/prefix` into bucket and key prefix ("some/prefix/", or "" without one). */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!m || !m[1]) throw new DocmillError('USAGE_BAD_ARGUMENT', `Not an S3 URL: "${url}" (expected s3://bucket/prefix).`);
  const rest = (m[2] ?? '').replace(/\/+$/, '');
  return { bucket: m[1], prefix: rest ? `${rest}/` : '' };
}

/**
 * A store in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2…).
 *
 * Each object is one PUT, which S3 applies atomically: readers see the old
 * object or the new one. Does not use multipart uploads (objects here are
 * results and page images, far below the 5 GB single-PUT limit) and does not
 * create the bucket.
 */
export class S3Store implements Store {
  readonly bucket: string;
  readonly prefix: string;
  readonly description: string;
  readonly client: S3Client;

  /**
   * @param url `s3://bucket/prefix`
   * @param options S3 client options (endpoint, region, credentials, forcePathStyle); by default the
   *   SDK reads AWS_REGION, AWS_ACCESS_KEY_ID… and AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL from the environment
   */
  constructor(url: string, options: S3ClientConfig = {}) {
    const { bucket, prefix } = parseS3Url(url);
    this.bucket = bucket;
    this.prefix = prefix;
    this.description = `s3://${bucket}/${prefix}`;
    const endpoint = options.endpoint ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
    this.client = new S3Client({
      region: process.env.AWS_REGION ?? 'us-east-1',
      // Note: self-hosted S3 servers rarely have wildcard DNS for bucket subdomains.
      ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
      ...options,
    });
  }

  #key(key: string): string {
    checkKey(key);
    return this.prefix + key;
  }

  async put(key: string, data: Buffer | string, contentType?: string): Promise<void> {
    const full = this.#key(key);
    try {
      await this.client.send(new PutObjectCommand({
        Bucket: this.bucket, Key: full, Body: data,
        ...(contentType ? { ContentType: contentType } : {}),
      }));
    } catch (e) {
      throw storeError(`Cannot write ${key} to ${this.description}.`, e);
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    const full = this.#key(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: full }));
      if (!out.Body) return Buffer.alloc(0);
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw storeError(`Cannot read ${key} from ${this.description}.`, e);
    }
  }

  async getStream(key: string): Promise<Readable | undefined> {
    const full = this.#key(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: full }));
      return out.Body as Readable | undefined;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw storeError(`Cannot read ${key} from ${this.description}.`, e);
    }
  }

  async exists(key: string): Promise<boolean> {
    const full = this.#key(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: full }));
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw storeError(`Cannot check ${key} in ${this.description}.`, e);
    }
  }

  async list(prefix: string): Promise<string[]> {
    checkKey(prefix, true);
    const out: string[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await this.client.send(new ListObjectsV2Command({
          Bucket: this.bucket, Prefix: this.prefix + prefix, ...(token ? { ContinuationToken: token } : {}),
        }));
        for (const o of page.Contents ?? []) if (o.Key) out.push(o.Key.slice(this.prefix.length));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (e) {
      throw storeError(`Cannot list ${prefix} in ${this.description}.`, e);
    }
    return out.sort();
  }

  async delete(prefix: string): Promise<number> {
    const keys = await this.list(prefix);
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      try {
        await this.client.send(new DeleteObjectsCommand({
          Bucket: this.bucket, Delete: { Objects: batch.map((k) => ({ Key: this.prefix + k })), Quiet: true },
        }));
      } catch (e) {
        throw storeError(`Cannot delete ${prefix} in ${this.description}.`, e);
      }
    }
    return keys.length;
  }
}

function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NoSuchKey' || err?.name === 'NotFound' || err?.$metadata?.httpStatusCode === 404;
}

function storeError(detail: string, cause: unknown): DocmillError {
  return new DocmillError('STORE_FAILED', detail, { cause });
}
