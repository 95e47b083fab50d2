import type { Nodes } from 'mdast';

/**
 * Plain text of any mdast node (values of text, code, math and inline html; alt text of images excluded),
 * whitespace collapsed. Used to judge a node ("is this a page number?"), never to rebuild Markdown.
 * @param node the node
 */
export function plainText(node: Nodes): string {
  return collect(node).replace(/\s+/g, ' ').trim();
}

function collect(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? '' : node.value;
  if ('children' in node) return (node.children as Nodes[]).map(collect).join(node.type === 'tableRow' ? ' ' : '');
  return '';
}
