import type { BBox, Block } from '@docmill/core';
import type { RootContent } from 'mdast';
import { checkModelTree, parseAnswer } from '../checks/checks.js';
import type { AnswerDefect } from '../checks/types.js';
import { cleanModelTree } from '../clean/clean.js';
import { code } from './code.js';
import type { FromMdastContext } from './context.js';
import { footnote } from './footnote.js';
import { heading } from './heading.js';
import { html } from './html.js';
import { list } from './list.js';
import { math } from './math.js';
import { paragraph } from './paragraph.js';
import { table } from './table.js';

function mapNodes(nodes: readonly RootContent[], ctx: FromMdastContext, depth: number): Block[] {
  return nodes.flatMap((node) => mapNode(node, ctx, depth));
}

function mapNode(node: RootContent, ctx: FromMdastContext, depth: number): Block[] {
  switch (node.type) {
    case 'heading':
      return heading(node, ctx, depth);
    case 'paragraph':
      return paragraph(node, ctx, depth);
    case 'list':
      return list(node, ctx, depth);
    case 'table':
      return table(node, ctx, depth);
    case 'code':
      return code(node, ctx, depth);
    case 'math':
      return math(node, ctx, depth);
    case 'html':
      return html(node, ctx, depth);
    case 'footnoteDefinition':
      return footnote(node, ctx, depth);
    case 'blockquote':
      // Note: a quote's content is kept as plain blocks; Block has no notion of quotation.
      return mapNodes(node.children, ctx, depth);
    case 'thematicBreak':
    case 'definition':
    case 'yaml':
      return [];
    default:
      // Phrasing content never reaches here at the block level; anything else is reported, not dropped silently.
      ctx.warnings.push(`ignored a ${node.type} node`);
      return [];
  }
}

/**
 * A vision model's page Markdown → blocks (the GPU path): parsed with remark-parse + remark-gfm + remark-math,
 * repaired by the named answer checks (`checkModelTree`: unclosed fences, cut-off HTML tables, duplicated
 * table rows, repetition), cleaned with `cleanModelTree`, then mapped node by node.
 * @param markdown the model's answer for one page
 * @param page the page size in points; every block's bbox is the full page `[0, 0, width, height]`
 * @returns the blocks in order, the warnings (one per check finding and cleaning repair, plus one per node that
 *   could not be mapped), and the defects the checks repaired (each once, in check order)
 * Does not judge the answer (refusal, loops at its end, hallucination): the vision engine does.
 */
export function markdownToBlocks(markdown: string, page: { width: number; height: number }): { blocks: Block[]; warnings: string[]; defects: AnswerDefect[] } {
  const parsed = parseAnswer(markdown);
  const findings = checkModelTree(parsed, markdown, true);
  const { root, warnings } = cleanModelTree(parsed);
  warnings.unshift(...findings.map((f) => `repaired ${f.defect}: ${f.detail}`));
  const bbox: BBox = [0, 0, page.width, page.height];
  const ctx: FromMdastContext = { bbox, warnings, blocks: (nodes, depth) => mapNodes(nodes, ctx, depth) };
  return { blocks: mapNodes(root.children, ctx, 0), warnings, defects: [...new Set(findings.map((f) => f.defect))] };
}
