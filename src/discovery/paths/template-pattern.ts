// Reads and writes path templates (`/repos/{owner}/{repo}/contents/{path}.json`) as lists of parts.
import { decodeSegment } from './split-path.js';

export type TemplatePart =
  | { readonly type: 'static'; readonly value: string }
  /** A parameter; `suffix` is a literal tail in the same segment (`{id}.json`), or ''. */
  | { readonly type: 'param'; readonly suffix: string; readonly name: string };

const PARAM = /^\{([^{}]{1,64})\}([^{}]{0,64})$/;
const FIRST_NAME = /\{([^{}]{1,64})\}/;

/**
 * Segments are `literal` or `{name}` with an optional literal tail. Other forms OpenAPI allows
 * (`{a}.{b}`, `v{major}`) read as one whole-segment parameter named after the first name: matching
 * stays possible, the finer split is lost (a known gap, see the report in docs/rationale.md).
 */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const end = template.indexOf('?');
  for (const raw of (end === -1 ? template : template.slice(0, end)).split('/')) {
    if (raw === '') continue;
    if (!raw.includes('{')) {
      parts.push({ type: 'static', value: decodeSegment(raw) });
      continue;
    }
    const match = PARAM.exec(raw);
    if (match !== null) {
      parts.push({ type: 'param', name: match[1]!, suffix: decodeSegment(match[2]!) });
    } else {
      parts.push({ type: 'param', name: FIRST_NAME.exec(raw)?.[1] ?? 'param', suffix: '' });
    }
  }
  return parts;
}

/** Characters outside RFC 3986 `pchar`, plus `{` and `}` that would read as a parameter. */
const UNSAFE = /[^A-Za-z0-9\-._~!$&'()*+,;=:@]/gu;

export function encodeLiteral(text: string): string {
  return text.replace(UNSAFE, (char) => {
    try {
      return encodeURIComponent(char);
    } catch {
      return '%EF%BF%BD'; // a lone surrogate has no UTF-8 form: U+FFFD, as WHATWG URL does
    }
  });
}

export function renderTemplate(parts: readonly TemplatePart[]): string {
  if (parts.length === 0) return '/';
  let text = '';
  for (const part of parts) {
    text += part.type === 'static' ? `/${encodeLiteral(part.value)}` : `/{${part.name}}${encodeLiteral(part.suffix)}`;
  }
  return text;
}
