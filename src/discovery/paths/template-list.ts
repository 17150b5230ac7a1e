// Lists every template of the learning tree with its methods, counts and parameters.
import { childRule, type PositionRule } from './correction-rules.js';
import type { Step } from './learn-walk.js';
import type { PathNode } from './path-node.js';
import type { SegmentKind } from './segment-kind.js';
import { renderSteps } from './template-render.js';

export interface ParamInfo {
  readonly name: string;
  /** Literal tail in the same segment (`.json`), or ''. */
  readonly suffix: string;
  readonly kinds: readonly SegmentKind[];
  /** Literal values merged into this parameter (first 100), so a merge can be reviewed and split. */
  readonly members: readonly string[];
  readonly moreMembers: boolean;
  /** Values that joined only because the position was full. */
  readonly overflow: number;
}

export interface TemplateInfo {
  readonly template: string;
  /** Methods seen in traffic. */
  readonly methods: readonly string[];
  /** Methods the document gives ('*': the document entry named no method); empty if undocumented. */
  readonly documentedMethods: readonly string[];
  readonly known: boolean;
  readonly hits: number;
  readonly params: readonly ParamInfo[];
}

const sorted = <T extends string>(set: ReadonlySet<T> | undefined): T[] => [...set ?? []].sort();

function describe(steps: readonly Step[]): TemplateInfo {
  const { template, names } = renderSteps(steps);
  const node = steps.at(-1)!.node;
  const params = steps.filter((step) => step.node.isParam).map(({ node: param }, index): ParamInfo => ({
    name: names[index]!,
    suffix: param.key,
    kinds: sorted(param.kinds),
    members: (param.members ?? []).map((member) => member.value),
    moreMembers: param.moreMembers,
    overflow: param.overflow,
  }));
  return {
    template, methods: sorted(node.methods), documentedMethods: sorted(node.knownMethods),
    known: node.knownMethods !== undefined, hits: node.hits, params,
  };
}

/** Depth first, statics before parameters; the result is sorted by template text. */
export function listTemplates(root: PathNode, rules: PositionRule): TemplateInfo[] {
  const found: TemplateInfo[] = [];
  const visit = (steps: Step[]): void => {
    const { node, rule } = steps.at(-1)!;
    if (node.hits > 0 || node.knownMethods !== undefined) found.push(describe(steps));
    const next = [...node.statics?.values() ?? [], ...node.params?.values() ?? []];
    for (const child of next) visit([...steps, { node: child, rule: childRule(rule, child.isParam, child.key) }]);
  };
  visit([{ node: root, rule: rules }]);
  return found.sort((a, b) => (a.template < b.template ? -1 : a.template > b.template ? 1 : 0));
}
