export * from './openai-double.js';
