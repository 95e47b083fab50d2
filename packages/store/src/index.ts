export * from './store.js';
export * from './keys.js';
export * from './fs.js';
export * from './s3.js';
export * from './config.js';
