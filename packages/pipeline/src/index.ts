export * from './options.js';
export * from './sources.js';
export * from './ingest.js';
export * from './local.js';
export * from './vision.js';
export * from './assemble.js';
export * from './pool.js';
export * from './convert.js';
export { closeCachedSources } from './source-cache.js';
