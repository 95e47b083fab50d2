export { blocksToMdast, pageMarkdown } from './to-mdast/blocks.js';
export type { BlocksToMdastOptions } from './to-mdast/types.js';
export { stringifyMarkdown } from './processor.js';
export { documentMarkdown } from './document.js';
export type { DocumentMarkdownOptions, DocumentPage } from './document.js';
export { markdownToBlocks } from './from-mdast/blocks.js';
export { cleanModelTree } from './clean/clean.js';
export { checkModelAnswer, checkModelTree } from './checks/checks.js';
export type { AnswerDefect, AnswerFinding } from './checks/types.js';
