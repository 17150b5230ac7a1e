// Path-template learning: the public surface for the rest of discovery.
export { createPathLearner } from './path-learner.js';
export { PATH_LEARNER_DEFAULTS } from './learner-options.js';
export type { LearnedPath, PathLearner, PathLearnerOptions, PathLearnerState } from './path-learner.js';
export type { KnownTemplate } from './known-match.js';
export type { PathCorrection } from './correction-rules.js';
export type { ParamInfo, TemplateInfo } from './template-list.js';
export { classifySegment, isIdShape, SEGMENT_KINDS } from './segment-kind.js';
export type { SegmentKind } from './segment-kind.js';
