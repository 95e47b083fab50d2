export * from './app.js';
export * from './server.js';
export * from './auth.js';
export * from './context.js';
export { isForbiddenAddress, parseIp } from '@docmill/core';
export * from './url/download.js';
