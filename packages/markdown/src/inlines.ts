import type { Inline } from '@docmill/core';
import type { PhrasingContent } from 'mdast';

type Style = 'link' | 'bold' | 'italic';
const NESTING: Style[] = ['link', 'bold', 'italic'];

/**
 * Inline runs → mdast phrasing: `link` outermost, then `strong`, then `emphasis`; `code` runs become
 * `inlineCode` and `math` runs `inlineMath` (written `$…$`).
 * @param inlines the runs, in order
 * Adjacent runs with the same style share one node, so `[bold "a", bold "b"]` is `**ab**`, not `**a****b**`.
 * Whitespace at the edges of a bold/italic run is moved outside the mark (`** a **` would not parse as strong).
 * Does not escape anything: remark-stringify does that when the tree is written.
 */
export function inlinesToPhrasing(inlines: readonly Inline[]): PhrasingContent[] {
  const runs = inlines.filter((r) => r.text.length > 0);
  return hoistWhitespace(nest(runs, 0));
}

/**
 * A block's content as phrasing: the block's inlines when it has them, else its text.
 * @param block text and optional inlines
 * Whitespace at the start and end of the block is dropped (it carries no meaning in a paragraph, and remark would
 * have to encode it as `&#x20;` to keep it).
 */
export function blockPhrasing(block: { text: string; inlines?: Inline[] | undefined }): PhrasingContent[] {
  const runs = block.inlines && block.inlines.length > 0 ? block.inlines.map((r) => ({ ...r })) : [{ text: block.text }];
  const plain = (r: Inline | undefined): r is Inline => r !== undefined && !r.code && !r.math;
  while (plain(runs[0]) && (runs[0].text = runs[0].text.trimStart()) === '') runs.shift();
  while (plain(runs.at(-1)) && (runs.at(-1)!.text = runs.at(-1)!.text.trimEnd()) === '') runs.pop();
  return inlinesToPhrasing(runs);
}

function styleKey(run: Inline, style: Style): string {
  if (style === 'link') return run.link ?? '';
  return run[style] ? '1' : '';
}

function nest(runs: Inline[], level: number): PhrasingContent[] {
  const style = NESTING[level];
  if (style === undefined) return runs.map(leaf).reduce(mergeText, []);
  const out: PhrasingContent[] = [];
  let i = 0;
  while (i < runs.length) {
    const key = styleKey(runs[i]!, style);
    let j = i + 1;
    while (j < runs.length && styleKey(runs[j]!, style) === key) j++;
    const inner = nest(runs.slice(i, j), level + 1);
    if (key === '') out.push(...inner);
    else if (style === 'link') out.push({ type: 'link', url: key, children: inner });
    else if (style === 'bold') out.push({ type: 'strong', children: inner });
    else out.push({ type: 'emphasis', children: inner });
    i = j;
  }
  return out;
}

function leaf(run: Inline): PhrasingContent {
  if (run.math) return { type: 'inlineMath', value: run.text };
  if (run.code) return { type: 'inlineCode', value: run.text };
  return { type: 'text', value: run.text };
}

// Note: adjacent code or math spans are merged too: `$a$$b$` would parse back as one span "a$$b", and the
// concatenation of two LaTeX fragments (or two code fragments) is what the runs meant anyway.
function mergeText(acc: PhrasingContent[], node: PhrasingContent): PhrasingContent[] {
  const last = acc[acc.length - 1];
  if (last && (last.type === 'text' || last.type === 'inlineCode' || last.type === 'inlineMath') && node.type === last.type) last.value += node.value;
  else acc.push(node);
  return acc;
}

// Note: CommonMark does not open `**` before whitespace nor close it after, so `**bold **` would come back as
// literal asterisks. Edge whitespace of strong/emphasis is moved out of the mark, innermost first.
function hoistWhitespace(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    if (node.type !== 'strong' && node.type !== 'emphasis' && node.type !== 'link') {
      out.push(node);
      continue;
    }
    const children = hoistWhitespace(node.children);
    if (node.type === 'link') {
      out.push({ ...node, children });
      continue;
    }
    const lead = takeEdge(children, 'start');
    const trail = takeEdge(children, 'end');
    if (lead) out.push({ type: 'text', value: lead });
    if (children.length > 0) out.push({ ...node, children });
    if (trail) out.push({ type: 'text', value: trail });
  }
  return out.reduce(mergeText, []);
}

/** Removes whitespace at one edge of `children` (dropping a text node that was only whitespace) and returns it. */
function takeEdge(children: PhrasingContent[], edge: 'start' | 'end'): string {
  let taken = '';
  for (;;) {
    const i = edge === 'start' ? 0 : children.length - 1;
    const node = children[i];
    if (!node || node.type !== 'text') return taken;
    const m = edge === 'start' ? /^\s+/.exec(node.value) : /\s+$/.exec(node.value);
    if (!m) return taken;
    taken = edge === 'start' ? taken + m[0] : m[0] + taken;
    node.value = edge === 'start' ? node.value.slice(m[0].length) : node.value.slice(0, node.value.length - m[0].length);
    if (node.value !== '') return taken;
    children.splice(i, 1);
  }
}

/** Styles inherited while walking phrasing content. */
interface InheritedStyle {
  bold?: boolean;
  italic?: boolean;
  link?: string;
}

/**
 * mdast phrasing → inline runs (the reverse of `inlinesToPhrasing`).
 * @param nodes phrasing content of a paragraph, heading or cell
 * `break` and an inline `<br>` become "\n"; other inline HTML and images are dropped (alt text is not body text);
 * strikethrough keeps its text without a mark (core `Inline` has none). Adjacent runs with equal styles are merged.
 */
export function phrasingToInlines(nodes: readonly PhrasingContent[]): Inline[] {
  const out: Inline[] = [];
  walk(nodes, {}, out);
  return out.reduce<Inline[]>((acc, run) => {
    const last = acc[acc.length - 1];
    if (last && sameStyle(last, run)) last.text += run.text;
    else if (run.text.length > 0) acc.push({ ...run });
    return acc;
  }, []);
}

function walk(nodes: readonly PhrasingContent[], style: InheritedStyle, out: Inline[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push(run(node.value, style));
        break;
      case 'strong':
        walk(node.children, { ...style, bold: true }, out);
        break;
      case 'emphasis':
        walk(node.children, { ...style, italic: true }, out);
        break;
      case 'delete':
        walk(node.children, style, out);
        break;
      case 'link':
        walk(node.children, { ...style, link: node.url }, out);
        break;
      case 'linkReference':
        walk(node.children, style, out);
        break;
      case 'inlineCode':
        out.push({ ...run(node.value, style), code: true });
        break;
      case 'inlineMath':
        out.push({ ...run(node.value, style), math: true });
        break;
      case 'break':
        out.push(run('\n', style));
        break;
      case 'html':
        if (isBreakTag(node.value)) out.push(run('\n', style));
        break;
      default:
        // Note: image, imageReference, footnoteReference carry no body text.
        break;
    }
  }
}

/** True for `<br>`, `<br/>`, `<br />` (any case). */
export function isBreakTag(html: string): boolean {
  return /^<br\s*\/?>$/i.test(html.trim());
}

function run(text: string, style: InheritedStyle): Inline {
  const r: Inline = { text };
  if (style.bold) r.bold = true;
  if (style.italic) r.italic = true;
  if (style.link !== undefined) r.link = style.link;
  return r;
}

function sameStyle(a: Inline, b: Inline): boolean {
  return !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.code === !!b.code && !!a.math === !!b.math && a.link === b.link;
}

/** Plain text of inline runs (math and code keep their source, without delimiters). */
export function inlinesText(inlines: readonly Inline[]): string {
  return inlines.map((r) => r.text).join('');
}

/** True when any run carries formatting (so the block needs `inlines`, not just `text`). */
export function hasFormatting(inlines: readonly Inline[]): boolean {
  return inlines.some((r) => r.bold || r.italic || r.code || r.math || r.link !== undefined);
}
