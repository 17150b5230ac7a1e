// The explicit registry of gateway stages. Its order IS the pipeline order (drawn in
// docs/pipeline.md): request phases run top to bottom, response phases bottom to top.
import type { StageDefinition } from '../stage.js';
import { ipStage } from './ip/index.js';
import { headersStage } from './headers/index.js';
import { limitsStage } from './limits/index.js';
import { identityStage } from './identity/index.js';
import { accessStage } from './access/index.js';
import { contractStage } from './contract/index.js';
import { ratelimitStage } from './ratelimit/index.js';
import { threatsStage } from './threats/index.js';
import { contractResponseStage } from './contract-response/index.js';
import { discoveryStage } from './discovery/index.js';

export const STAGES: readonly StageDefinition<never>[] = [
  ipStage,
  headersStage,
  limitsStage,
  identityStage,
  accessStage,
  ratelimitStage,
  contractStage,
  threatsStage,
  contractResponseStage,
  discoveryStage,
];

export function findStage(name: string): StageDefinition<never> | undefined {
  return STAGES.find((stage) => stage.name === name);
}
