// Turns a matched path (a list of steps) into its template text, parameter names and values.
import type { Step } from './learn-walk.js';
import { assignParamNames, type NamingPart } from './param-name.js';
import type { PathNode } from './path-node.js';
import { classifyInContext, isIdShape, type SegmentKind } from './segment-kind.js';
import { splitSuffix } from './segment-suffix.js';
import { renderTemplate, type TemplatePart } from './template-pattern.js';

export interface RenderedTemplate {
  readonly template: string;
  /** Names of the parameters, in path order. */
  readonly names: readonly string[];
}

/** A rename correction wins, then the document's name, then one derived from the path. */
export function renderSteps(steps: readonly Step[]): RenderedTemplate {
  const naming: NamingPart[] = [];
  for (let index = 1; index < steps.length; index++) {
    const { node } = steps[index]!;
    if (!node.isParam) naming.push({ type: 'static', value: node.key });
    else naming.push({ type: 'param', fixed: steps[index - 1]!.rule?.renames.get(node.key) ?? node.knownName });
  }
  const names = assignParamNames(naming);
  let param = 0;
  const parts = steps.slice(1).map(({ node }): TemplatePart => (node.isParam
    ? { type: 'param', name: names[param++]!, suffix: node.key }
    : { type: 'static', value: node.key }));
  return { template: renderTemplate(parts), names };
}

/** Parameter values by name, for the steps that are parameters. */
export function paramValues(steps: readonly Step[], names: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  let index = 0;
  for (const step of steps) {
    if (!step.node.isParam) continue;
    const name = names[index++]!;
    // A document may name a parameter `__proto__`: define it, never assign through the prototype.
    if (name === '__proto__') Object.defineProperty(params, name, { value: step.value ?? '', enumerable: true, writable: true, configurable: true });
    else params[name] = step.value ?? '';
  }
  return params;
}

/**
 * A template from the segments alone, for requests a bound kept out of the tree: id-shaped
 * segments are parameters, everything else literal.
 */
export function statelessSteps(segments: readonly string[]): Step[] {
  const steps: Step[] = [{ node: stubNode(false, ''), rule: undefined }];
  segments.forEach((segment, index) => {
    const parts = splitSuffix(segment);
    const kind: SegmentKind = classifyInContext(parts.base, segments[index - 1], index);
    steps.push(isIdShape(kind)
      ? { node: stubNode(true, parts.suffix), rule: undefined, value: parts.base, kind }
      : { node: stubNode(false, segment), rule: undefined });
  });
  return steps;
}

function stubNode(isParam: boolean, key: string): PathNode {
  return { isParam, key, suffix: '', kind: 'literal', hits: 0, isKnown: false, moreMembers: false, overflow: 0, detached: false };
}
