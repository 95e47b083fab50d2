import type { S3ClientConfig } from '@aws-sdk/client-s3';
import type { Config } from '@docmill/core';
import { FsStore } from './fs.js';
import { S3Store } from './s3.js';
import type { Store } from './store.js';

/**
 * The store that DOCMILL_STORE names: `s3://bucket/prefix` → S3Store, anything
 * else is a directory → FsStore.
 * @param config the loaded configuration (only DOCMILL_STORE is read)
 * @param s3 extra S3 client options (tests pass an endpoint and credentials)
 */
export function storeFromConfig(config: Pick<Config, 'DOCMILL_STORE'>, s3: S3ClientConfig = {}): Store {
  const where = config.DOCMILL_STORE;
  return where.startsWith('s3://') ? new S3Store(where, s3) : new FsStore(where);
}
