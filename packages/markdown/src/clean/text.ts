import type { Nodes } from 'mdast';

/**
 * Plain text of any mdast node (values of text, code, math and inline html; alt text of images excluded),
 * whitespace collapsed. Used to judge a node ("is this a page number?"), never to rebuild Markdown.
 * @param node the node
 */
export function plainText(node: Nodes): string {
  return collect(node).replace(/\s+/g, ' ').trim();
}

/**
 * The lines of a node's plain text as written (soft line breaks and `break` nodes kept as line ends).
 * @param node the node
 */
export function plainLines(node: Nodes): string[] {
  return collect(node).split('\n');
}

function collect(node: Nodes): string {
  if (node.type === 'break') return '\n';
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? '' : node.value;
  if ('children' in node) return (node.children as Nodes[]).map(collect).join(node.type === 'tableRow' ? ' ' : '');
  return '';
}
