// Makes a string that a JSON Schema `pattern` matches: the pattern is parsed (a common subset of
// ECMA-262 syntax) and walked, each quantifier taking its minimum plus a growing stretch until the
// length limits fit, and every candidate is confirmed with RE2, the linear engine the gateway uses.
import { compilePattern } from './conforms.js';

type Node =
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'text'; text: string }
  | { kind: 'repeat'; node: Node; min: number; max: number };

export interface LengthLimits {
  readonly minLength?: number;
  readonly maxLength?: number;
}

const STRETCHES = [0, 1, 2, 3, 5, 8, 16, 32, 64];

/** A string matching `pattern` within the limits, or undefined when none was found. */
export function stringForPattern(pattern: string, limits: LengthLimits, variant = 0): string | undefined {
  const re = compilePattern(pattern);
  if (re === null) return undefined;
  let tree: Node;
  try {
    tree = new Parser(pattern).parse();
  } catch {
    return undefined; // syntax outside the subset: the caller falls back and flags it
  }
  for (const stretch of STRETCHES) {
    for (const choice of [variant, 0]) {
      const text = render(tree, stretch, choice);
      const length = [...text].length;
      if (length < (limits.minLength ?? 0)) continue;
      if (length > (limits.maxLength ?? Infinity)) break;
      if (re.test(text)) return text;
    }
  }
  return undefined;
}

function render(node: Node, stretch: number, choice: number): string {
  switch (node.kind) {
    case 'text': return node.text;
    case 'seq': return node.items.map((item) => render(item, stretch, choice)).join('');
    case 'alt': return render(node.options[choice % node.options.length] ?? { kind: 'text', text: '' }, stretch, choice);
    case 'repeat': {
      const count = Math.min(node.max, node.min + stretch);
      let out = '';
      for (let i = 0; i < count; i++) out += render(node.node, stretch, choice);
      return out;
    }
  }
}

/** Representative characters for shorthand classes, and the candidates tried for negated sets. */
const SHORTHAND: Readonly<Record<string, string>> = { d: '1', w: 'a', s: ' ', D: 'a', W: '-', S: 'a', b: '', B: '' };
const CANDIDATES = 'aA1x_-. Z9@';

class Parser {
  private at = 0;
  constructor(private readonly source: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.at < this.source.length) throw new Error('unbalanced )');
    return node;
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.source[this.at] === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return { kind: 'seq', items };
  }

  private atom(): Node {
    const ch = this.source[this.at++]!;
    if (ch === '^' || ch === '$') return { kind: 'text', text: '' };
    if (ch === '.') return { kind: 'text', text: 'a' };
    if (ch === '[') return { kind: 'text', text: this.charClass() };
    if (ch === '\\') return { kind: 'text', text: this.escape(false) };
    if (ch !== '(') return { kind: 'text', text: ch };
    if (this.source[this.at] === '?') {
      const kind = this.source[this.at + 1];
      if (kind === ':') this.at += 2;
      else if (kind === '<' && this.source[this.at + 2] !== '=' && this.source[this.at + 2] !== '!') this.at = this.source.indexOf('>', this.at) + 1;
      else throw new Error('lookaround');
    }
    const inner = this.alternation();
    if (this.source[this.at++] !== ')') throw new Error('unclosed (');
    return inner;
  }

  private quantified(node: Node): Node {
    const ch = this.source[this.at];
    let bounds: [number, number] | undefined;
    if (ch === '*') bounds = [0, Infinity];
    else if (ch === '+') bounds = [1, Infinity];
    else if (ch === '?') bounds = [0, 1];
    else if (ch === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at, this.at + 24));
      if (!match) return node; // a literal '{'
      this.at += match[0].length - 1;
      const min = Number(match[1]);
      bounds = [min, match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3])];
    }
    if (bounds === undefined) return node;
    this.at++;
    if (this.source[this.at] === '?' || this.source[this.at] === '+') this.at++; // lazy / possessive
    return { kind: 'repeat', node, min: bounds[0], max: bounds[1] };
  }

  /** One character for `\x`; inside a class, shorthand escapes stand for their representative. */
  private escape(inClass: boolean): string {
    const ch = this.source[this.at++] ?? '';
    if (ch in SHORTHAND) return inClass && (ch === 'b') ? '\b' : SHORTHAND[ch]!;
    if (ch === 'p' || ch === 'P') {
      this.at = this.source.indexOf('}', this.at) + 1;
      return ch === 'p' ? 'a' : '-';
    }
    const hex = ch === 'u' ? (this.source[this.at] === '{' ? /^\{([0-9a-fA-F]+)\}/ : /^([0-9a-fA-F]{4})/) : ch === 'x' ? /^([0-9a-fA-F]{2})/ : undefined;
    const match = hex?.exec(this.source.slice(this.at, this.at + 10));
    if (match) {
      this.at += match[0].length;
      return String.fromCodePoint(parseInt(match[1]!, 16));
    }
    const controls: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };
    return controls[ch] ?? ch;
  }

  /** `[...]`: the first member, or for `[^...]` the first candidate the set leaves out. */
  private charClass(): string {
    const negated = this.source[this.at] === '^';
    if (negated) this.at++;
    const ranges: [number, number][] = [];
    const shorthands: string[] = [];
    let first = true;
    while (this.at < this.source.length && (this.source[this.at] !== ']' || first)) {
      first = false;
      let low: string;
      if (this.source[this.at] === '\\') {
        this.at++;
        const name = this.source[this.at] ?? '';
        if ('dwsDWS'.includes(name) && name !== '') {
          this.at++;
          shorthands.push(name);
          continue;
        }
        low = this.escape(true);
      } else {
        low = this.source[this.at++]!;
      }
      let high = low;
      if (this.source[this.at] === '-' && this.source[this.at + 1] !== ']' && this.at + 1 < this.source.length) {
        this.at++;
        high = this.source[this.at] === '\\' ? (this.at++, this.escape(true)) : this.source[this.at++]!;
      }
      ranges.push([low.codePointAt(0) ?? 0, high.codePointAt(0) ?? 0]);
    }
    if (this.source[this.at++] !== ']') throw new Error('unclosed [');
    const member = (c: string): boolean => ranges.some(([lo, hi]) => c.codePointAt(0)! >= lo && c.codePointAt(0)! <= hi)
      || shorthands.some((s) => matchesShorthand(s, c));
    if (negated) return [...CANDIDATES].find((c) => !member(c)) ?? '~';
    return [...CANDIDATES].find(member) ?? (ranges[0] ? String.fromCodePoint(ranges[0][0]) : SHORTHAND[shorthands[0] ?? 'w']!);
  }
}

function matchesShorthand(name: string, c: string): boolean {
  const lower = name.toLowerCase();
  const hit = lower === 'd' ? c >= '0' && c <= '9' : lower === 'w' ? /\w/.test(c) : /\s/.test(c);
  return name === lower ? hit : !hit;
}
