export type { LayoutOptions } from './options.js';
export { layoutPage } from './layout-page.js';
export type { DocumentPageBlocks, AssembledPage } from './assemble/assemble.js';
export { assembleBlocks } from './assemble/assemble.js';
export { continues } from './assemble/continuation.js';
export type { ArticlePage } from './assemble/articles.js';
export { findArticles } from './assemble/articles.js';
export type { OutlineHeading } from './outline.js';
export { applyOutline } from './outline.js';
