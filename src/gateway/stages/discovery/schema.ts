// Config schema of the discovery stage: which share of requests becomes a traffic sample for the
// inventory, and how much of each body it may carry.
import { Type, type Static } from '@sinclair/typebox';
import { Bytes } from '../../../core/config/schema-types.js';

export const discoveryConfigSchema = Type.Object({
  sampleRate: Type.Number({ minimum: 0, maximum: 1, default: 0.02, description: 'share of requests sampled (0 to 1; 0 turns the stage off); calls to deprecated operations, or ones the route\'s document lacks, are always sampled; sampled JSON or form bodies are buffered up to maxBodyBytes' }),
  maxBodyBytes: Bytes('64kb', { description: 'largest request or response body a sample carries (decoded); larger bodies are described by size only' }),
  maxHeaders: Type.Integer({ minimum: 0, maximum: 200, default: 64, description: 'most request and response headers a sample keeps' }),
}, { additionalProperties: false });

export type DiscoveryConfig = Static<typeof discoveryConfigSchema>;
