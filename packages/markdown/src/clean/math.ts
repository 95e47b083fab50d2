import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * Turns `inlineMath` whose content starts or ends with whitespace back into text: "costs $5 and $10" is
 * prices, not math (the rule Pandoc uses: `$` opening math is not followed by a space, closing `$` not preceded by one).
 * @param root the tree, changed in place
 * @param warnings one string per repaired node
 * Note: the text keeps its dollars, and remark-stringify escapes them when the tree is written again.
 */
export function repairDollarText(root: Root, warnings: string[]): void {
  visit(root, 'inlineMath', (node, index, parent) => {
    if (parent === undefined || index === undefined || !/^\s|\s$/.test(node.value)) return;
    parent.children.splice(index, 1, { type: 'text', value: `$${node.value}$` });
    warnings.push(`read "$${node.value}$" as text, not math`);
  });
}
