import type { Nodes, Parents, Root, Text } from 'mdast';
import type { Handle, Info, State, Unsafe } from 'mdast-util-to-markdown';

/**
 * What a phrasing container (paragraph, heading, table cell…) allows its text to leave unescaped.
 * Computed once per container before serializing, looked up per text node.
 */
interface Scope {
  /** No link, image or reference in the container and no `](`, `][`, `]:`, `[^` in its text: a `[` cannot open anything. */
  plainBrackets: boolean;
  /** Fewer than two `$` and no inline math: a `$` cannot open math. */
  plainDollars: boolean;
  /** Fewer than two `~` and no strikethrough: a `~` cannot open strikethrough. */
  plainTildes: boolean;
}

/** Text node → the scope of its phrasing container. */
export type EscapeScopes = WeakMap<Text, Scope>;

const PHRASING_CONTAINERS = new Set(['paragraph', 'heading', 'tableCell']);

function textOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

function hasType(node: Nodes, types: ReadonlySet<string>): boolean {
  if (types.has(node.type)) return true;
  return 'children' in node && (node.children as Nodes[]).some((c) => hasType(c, types));
}

const LINKISH = new Set(['link', 'linkReference', 'image', 'imageReference', 'footnoteReference']);
const count = (s: string, ch: string): number => s.split(ch).length - 1;

/**
 * Finds, for every text node inside a phrasing container, which of remark's conservative escapes
 * it can do without.
 * @param root the tree about to be serialized (not modified)
 * Returns a map from text node to its container's scope; text outside such containers is absent
 * (and keeps every escape).
 */
export function escapeScopes(root: Root): EscapeScopes {
  const scopes: EscapeScopes = new WeakMap();
  const mark = (node: Nodes, scope: Scope): void => {
    if (node.type === 'text') scopes.set(node, scope);
    else if ('children' in node) for (const c of node.children as Nodes[]) mark(c, scope);
  };
  const walk = (node: Nodes): void => {
    if (PHRASING_CONTAINERS.has(node.type)) {
      const s = textOf(node);
      mark(node, {
        plainBrackets: !hasType(node, LINKISH) && !/\][([:]|\[\^/.test(s),
        plainDollars: count(s, '$') < 2 && !hasType(node, new Set(['inlineMath'])),
        plainTildes: count(s, '~') < 2 && !hasType(node, new Set(['delete'])),
      });
      return;
    }
    if ('children' in node) for (const c of (node as Parents).children as Nodes[]) walk(c);
  };
  walk(root);
  return scopes;
}

// Note: remark escapes `&` before any letter; only a character reference (`&amp;`, `&#38;`) needs it.
const AMPERSAND: Unsafe = { character: '&', after: '#?[A-Za-z0-9]+;', inConstruct: 'phrasing' };

// Note: at a line start, a `[` of a plain scope can open neither a definition (`[x]:`, no `]:` in the
// text) nor a footnote (`[^`): only a task-list box (`[ ]`, `[x]`) after a list marker, kept escaped.
const TASK_BOX: Unsafe = { atBreak: true, character: '[', after: '[ xX]\\]' };

/** Which default patterns a text node of this scope drops (atBreak patterns are kept, but for `[` in a plain scope). */
function dropped(p: Unsafe, scope: Scope | undefined): boolean {
  if (p.atBreak) return p.character === '[' && p.before === undefined && p.after === undefined && !!scope?.plainBrackets;
  const inPhrasing = p.inConstruct === 'phrasing' || (Array.isArray(p.inConstruct) && p.inConstruct.includes('phrasing'));
  if (!inPhrasing) return false;
  switch (p.character) {
    // Emphasis delimiters are escaped by `escapeDelimiterRuns`, only where they could open or close.
    case '*': case '_': return true;
    // GFM autolink literals (`http://`, `www.`, `a@b.c`): left as text, a reader's renderer links them.
    case ':': return p.before === '[ps]';
    case '.': return p.before === '[Ww]';
    case '@': return p.before !== undefined && p.after !== undefined;
    case '&': return p.inConstruct !== AMPERSAND.inConstruct;
    case '[': return !!scope?.plainBrackets;
    case '$': return !!scope?.plainDollars;
    case '~': return !!scope?.plainTildes;
    default: return false;
  }
}

const isSpace = (c: string | undefined): boolean => c === undefined || c === '' || /\s/u.test(c);
const isPunct = (c: string | undefined): boolean => c !== undefined && /[\p{P}\p{S}]/u.test(c);

/**
 * Escapes runs of `*` and `_` that could open or close emphasis under CommonMark's flanking rules,
 * and only those ("snake_case", "a * b", "____" stay as they are).
 * @param out text already passed through `state.safe` (its escapes are respected)
 * @param before the character before the text in the output ('' at a line start)
 * @param after the character after it
 */
export function escapeDelimiterRuns(out: string, before: string, after: string): string {
  let res = '';
  let i = 0;
  while (i < out.length) {
    const ch = out[i]!;
    if (ch === '\\' && i + 1 < out.length) { res += out.slice(i, i + 2); i += 2; continue; }
    if (ch !== '*' && ch !== '_') { res += ch; i++; continue; }
    let j = i;
    while (j < out.length && out[j] === ch) j++;
    const prev = i > 0 ? out[i - 1] : before;
    const next = j < out.length ? out[j] : after;
    // Note: a run touching a neighbouring node's own delimiter is escaped: the two would merge.
    const touching = (i === 0 && (before === '*' || before === '_')) || (j === out.length && (after === '*' || after === '_'));
    const left = !isSpace(next) && (!isPunct(next) || isSpace(prev) || isPunct(prev));
    const right = !isSpace(prev) && (!isPunct(prev) || isSpace(next) || isPunct(next));
    const active = ch === '*' ? left || right : (left && (!right || isPunct(prev))) || (right && (!left || isPunct(next)));
    res += touching || active ? `\\${ch}`.repeat(j - i) : out.slice(i, j);
    i = j;
  }
  return res;
}

/**
 * A `text` handler for remark-stringify that escapes only what would otherwise change the
 * meaning: emphasis delimiters that could open or close, `[` where a link could form, `$`/`~`
 * where math/strikethrough could, `&` before a character reference; URLs stay plain.
 * @param scopes from `escapeScopes` for the tree being written
 * Does not touch other node kinds (link destinations, code, autolinks keep remark's handling).
 */
export function textHandler(scopes: () => EscapeScopes | undefined): Handle {
  return (node: Text, _parent: Parents | undefined, state: State, info: Info): string => {
    const scope = scopes()?.get(node);
    const saved = state.unsafe;
    const inPhrasing = state.stack.includes('phrasing');
    const inSpan = state.stack.some((c) => ['autolink', 'destinationLiteral', 'destinationRaw', 'reference', 'titleQuote', 'titleApostrophe'].includes(c));
    if (!inPhrasing || inSpan) return state.safe(node.value, info);
    state.unsafe = [...saved.filter((p) => !dropped(p, scope)), AMPERSAND, TASK_BOX];
    try {
      return escapeDelimiterRuns(state.safe(node.value, info), info.before, info.after);
    } finally {
      state.unsafe = saved;
    }
  };
}
