// Test helpers: an independent reader (remark-parse + gfm + math, as any consumer would set it up) and block builders.
import type { BBox, Block } from '@docmill/core';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const reader = unified().use(remarkParse).use(remarkGfm).use(remarkMath);

export const BOX: BBox = [0, 0, 612, 792];

/** Parses Markdown and drops positions and `data`, so trees compare by structure. */
export function parse(markdown: string): Root {
  return strip(reader.parse(markdown)) as Root;
}

export function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (k !== 'position' && k !== 'data') out[k] = strip(v);
    return out;
  }
  return node;
}

/** Concatenated text of a node (text, inlineCode, inlineMath values). */
export function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? '' : node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

/** A block with the page box. */
export function block(type: Block['type'], text: string, extra: Partial<Block> = {}): Block {
  return { type, text, bbox: [...BOX], ...extra };
}

/** Node types of the root's children. */
export function types(root: Root): string[] {
  return root.children.map((c) => c.type);
}
