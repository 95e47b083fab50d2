import type { Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { plainText } from './text.js';

/**
 * Removes headings without text ("#", "## " or a heading holding only an image or html) anywhere in the tree.
 * @param root the tree, changed in place
 * @param warnings one string per removed heading
 */
export function removeEmptyHeadings(root: Root, warnings: string[]): void {
  visit(root, 'heading', (node, index, parent) => {
    if (parent === undefined || index === undefined || plainText(node) !== '') return;
    parent.children.splice(index, 1);
    warnings.push(`removed an empty level-${node.depth} heading`);
    return [SKIP, index];
  });
}
