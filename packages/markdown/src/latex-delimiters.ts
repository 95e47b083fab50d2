import type { PhrasingContent } from 'mdast';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import type { Processor } from 'unified';

type InlineMath = Extract<PhrasingContent, { type: 'inlineMath' }>;

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    latexMath: 'latexMath';
    latexMathSequence: 'latexMathSequence';
    latexMathData: 'latexMathData';
  }
}

const BACKSLASH = 92;
const CLOSER: Readonly<Record<number, number>> = { 40: 41, 91: 93 }; // ( → )   [ → ]

/** micromark's codes for CR, LF and CRLF are -5, -4, -3. */
function isLineEnding(code: Code): boolean {
  return code !== null && code < -2;
}

/**
 * A micromark text construct for LaTeX's own delimiters, `\(…\)` (inline) and `\[…\]` (display), which vision
 * models emit as often as `$…$`. Without it CommonMark reads `\(` as an escaped "(" and the formula loses its
 * delimiters (and every `\\` in it one backslash).
 * Inside, a backslash and the character after it are content (`a \\ b`, `\{`), so only an unescaped `\)` or `\]`
 * closes. An opener without its closer in the same paragraph is left to CommonMark (an escaped bracket).
 */
const latexMath: Construct = { name: 'latexMath', tokenize: tokenizeLatexMath };

// Note: an opener whose closer never comes scans to the end of its paragraph. Once one opener failed, every later
// opener of the same kind before that end fails too (backslash pairs read the same from any start outside them),
// so failures are remembered per parse: a model's repetition loop of "\(" stays linear instead of quadratic.
const failures = new WeakMap<object, Map<number, { from: number; to: number }>>();

function tokenizeLatexMath(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  const from = self.now().offset;
  let closer = 0;
  const closing: Construct = { tokenize: tokenizeClose, partial: true };

  const start: State = (code) => {
    if (code !== BACKSLASH) return nok(code);
    effects.enter('latexMath');
    effects.enter('latexMathSequence');
    effects.consume(code);
    return open;
  };
  const open: State = (code) => {
    const c = code === null ? undefined : CLOSER[code];
    if (c === undefined) return nok(code);
    closer = c;
    const failed = failures.get(self.parser)?.get(closer);
    if (failed && from > failed.from && from < failed.to) return nok(code);
    effects.consume(code);
    effects.exit('latexMathSequence');
    return between;
  };
  const between: State = (code) => {
    if (code === null) {
      const seen = failures.get(self.parser) ?? new Map<number, { from: number; to: number }>();
      seen.set(closer, { from, to: self.now().offset });
      failures.set(self.parser, seen);
      return nok(code);
    }
    if (isLineEnding(code)) {
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      return between;
    }
    if (code === BACKSLASH) return effects.attempt(closing, done, escape)(code);
    effects.enter('latexMathData');
    return data(code);
  };
  const escape: State = (code) => {
    effects.enter('latexMathData');
    effects.consume(code);
    return escaped;
  };
  const escaped: State = (code) => {
    if (code === null || isLineEnding(code)) {
      effects.exit('latexMathData');
      return between(code);
    }
    effects.consume(code);
    return data;
  };
  const data: State = (code) => {
    if (code === null || code === BACKSLASH || isLineEnding(code)) {
      effects.exit('latexMathData');
      return between(code);
    }
    effects.consume(code);
    return data;
  };
  const done: State = (code) => {
    effects.exit('latexMath');
    return ok(code);
  };

  function tokenizeClose(this: TokenizeContext, fx: Effects, yes: State, no: State): State {
    const after: State = (code) => {
      if (code !== closer) return no(code);
      fx.consume(code);
      fx.exit('latexMathSequence');
      return yes;
    };
    return (code) => {
      fx.enter('latexMathSequence');
      fx.consume(code);
      return after;
    };
  }

  return start;
}

const syntax: Extension = { text: { [BACKSLASH]: latexMath } };

const fromMarkdown: FromMarkdownExtension = {
  enter: {
    latexMath(this: CompileContext, token: Token) {
      const node: InlineMath = { type: 'inlineMath', value: '' };
      this.enter(node, token);
    },
  },
  exit: {
    latexMath(this: CompileContext, token: Token) {
      const node = this.stack[this.stack.length - 1];
      // Note: the value is the source between the delimiters, trimmed: nothing in between is Markdown.
      if (node?.type === 'inlineMath') node.value = this.sliceSerialize(token).slice(2, -2).trim();
      this.exit(token);
    },
  },
};

/**
 * remark plugin: parse `\(…\)` and `\[…\]` as `inlineMath` nodes (a paragraph holding only one becomes a
 * formula block in `markdownToBlocks`). Parsing only: the tree is written back with `$` delimiters by remark-math.
 */
export function remarkLatexDelimiters(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(syntax);
  (data.fromMarkdownExtensions ??= []).push(fromMarkdown);
  return undefined;
}
