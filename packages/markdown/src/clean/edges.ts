import type { Root, RootContent } from 'mdast';
import { plainLines, plainText } from './text.js';

/** What an edge rule removes, for the warning. */
type EdgeVerdict = string | undefined;

// Note: chatter is judged on the plain text of a short first/last paragraph only, never inside the page:
// "Here is …" in the middle of a letter is content.
const MAX_CHATTER = 300;
const OPENING = [
  /^(?:sure|certainly|of course|okay|ok|absolutely)\b[,.!]?\s*(?:here|below|i'll|i will|the following)\b[\s\S]*\b(?:transcri|markdown|text|content|page|document|conver|extract)/i,
  /^(?:here is|here's|here are|below is|below are|the following is)\b[\s\S]*\b(?:transcri|markdown|text|content|page|document|conver|output|extract)/i,
  /^(?:transcription|transcribed text|markdown(?: output)?|ocr(?: output)?)\s*:$/i,
];
const CLOSING = [
  /^(?:i hope (?:this|that|the)|hope this helps)\b/i,
  // "Let me know…" ends letters too: only with words about the transcription itself is it chatter.
  /^(?:let me know|feel free|if you (?:need|have|want|would)|is there anything|please let me know)\b[\s\S]*\b(?:transcri|anything else|further (?:assistance|help|changes)|adjust|modif|clarif|format)/i,
  /^(?:note|n\.b\.)\s*:?\s[\s\S]*\b(?:transcri|illegible|image quality|could not be read|unclear in the image)/i,
];

const ROMAN = /^(?=[mdclxvi])m{0,4}(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})$/i;
const PAGE_NUMBER = [
  /^(?:page|p\.|pg\.?|seite|página|pagina)?\s*\d{1,4}(?:\s*(?:of|\/|von|de)\s*\d{1,4})?$/i,
  /^[-–—]\s*\d{1,4}\s*[-–—]$/,
  /^[-–—]?\s*\[?\d{1,4}\]?\s*[-–—]?$/,
];

function chatter(node: RootContent, position: 'first' | 'last'): EdgeVerdict {
  if (node.type !== 'paragraph') return undefined;
  const text = plainText(node);
  if (text.length === 0 || text.length > MAX_CHATTER) return undefined;
  const rules = position === 'first' ? OPENING : CLOSING;
  return rules.some((r) => r.test(text)) ? `removed model chatter at the ${position === 'first' ? 'start' : 'end'}: "${text}"` : undefined;
}

/** Plain text of a node when it could be a lone page number: a paragraph, or a one-item list ("- 12 -", "12."). */
function pageNumberText(node: RootContent): string | undefined {
  // A link, code or math is content, even when it reads "12".
  if (node.type === 'paragraph') return node.children.every((c) => c.type === 'text' || c.type === 'strong' || c.type === 'emphasis') ? plainText(node) : undefined;
  if (node.type === 'list' && node.children.length === 1) {
    const item = node.children[0]!;
    const text = plainText(item);
    // "12." parses as an empty ordered item starting at 12; "- 12 -" as a bullet item "12 -".
    if (node.ordered && text === '') return String(node.start ?? 1);
    if (!node.ordered) return `- ${text}`;
  }
  return undefined;
}

function pageNumber(node: RootContent): EdgeVerdict {
  const text = pageNumberText(node);
  if (text === undefined || text === '') return undefined;
  const isNumber = PAGE_NUMBER.some((r) => r.test(text)) || ROMAN.test(text);
  return isNumber ? `removed a lone page number "${text}"` : undefined;
}

function rule(node: RootContent, position: 'first' | 'last'): EdgeVerdict {
  return node.type === 'thematicBreak' ? `removed a horizontal rule at the ${position === 'first' ? 'start' : 'end'}` : undefined;
}

const FRONT_MATTER_LINE = /^[a-z][\w-]*:[ \t]*[^\s:]*[ \t]*$/i;

/**
 * YAML front matter at the very start (`---\nrotation: 0\n---`, which a vision prompt may ask for): without a
 * front-matter parser it reads as a rule and a setext heading of `key: value` lines. Both are removed.
 */
function frontMatter(root: Root): EdgeVerdict {
  const [rule, heading] = root.children;
  if (rule?.type !== 'thematicBreak' || heading?.type !== 'heading' || heading.depth !== 2) return undefined;
  const lines = plainLines(heading).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0 || !lines.every((l) => FRONT_MATTER_LINE.test(l))) return undefined;
  root.children.splice(0, 2);
  return `removed front matter "${lines.join('; ')}"`;
}

/**
 * Strips YAML front matter, model chatter, lone page numbers and horizontal rules from the start and the end of the page,
 * repeating until the first and last nodes are content (chatter, then a rule, then "12" all go).
 * @param root the tree, changed in place
 * @param warnings one string is added per removed node
 * Does not look inside the page: only the first and last top-level nodes are ever judged.
 */
export function trimEdges(root: Root, warnings: string[]): void {
  const matter = frontMatter(root);
  if (matter) warnings.push(matter);
  for (;;) {
    const first = root.children[0];
    const last = root.children[root.children.length - 1];
    const atStart = first && (chatter(first, 'first') ?? rule(first, 'first') ?? pageNumber(first));
    if (atStart) {
      root.children.shift();
      warnings.push(atStart);
      continue;
    }
    const atEnd = last && (chatter(last, 'last') ?? rule(last, 'last') ?? pageNumber(last));
    if (atEnd) {
      root.children.pop();
      warnings.push(atEnd);
      continue;
    }
    return;
  }
}
