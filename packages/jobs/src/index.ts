export * from './types.js';
export * from './options.js';
export * from './catalogue.js';
export * from './service.js';
export * from './workers.js';
export * from './signature.js';
export * from './results.js';
export * from './settings.js';
export { isJobId } from './ids.js';
