export * from './app.js';
export * from './server.js';
export * from './auth.js';
export * from './context.js';
export * from './url/address.js';
export * from './url/download.js';
