// Config schema of discovery in the gateway (the top-level `discovery` section): whether the
// inventory is learned, how often it is saved, its bounds, the collector endpoint's token, and the
// sensitive-data types. Which requests are sampled is the discovery stage's (stages.discovery).
import { Type, type Static } from '@sinclair/typebox';
import { Duration } from '../core/config/schema-types.js';
import { sensitiveConfigSchema } from './sensitive/index.js';

export const discoveryServiceSchema = Type.Object({
  enabled: Type.Boolean({ default: true, description: 'learn the API inventory from the requests stages.discovery samples (bulwark inventory)' }),
  saveInterval: Duration('10s', { description: 'how often what was learned is written to the store (only operations that changed)' }),
  maxOperations: Type.Integer({ minimum: 100, maximum: 1_000_000, default: 20_000, description: 'operations kept; samples of further new operations are counted and dropped' }),
  queue: Type.Integer({ minimum: 100, maximum: 1_000_000, default: 10_000, description: 'samples waiting to be learned; beyond it samples are dropped and counted (bulwark_discovery_samples_total{outcome="dropped"})' }),
  collectorToken: Type.Optional(Type.String({
    minLength: 32, description: 'enables POST /discovery/samples on the admin listener (sidecars, traffic mirrors) for callers presenting it as a bearer token; use ${VAR}',
  })),
  sensitive: Type.Object(sensitiveConfigSchema.properties, { additionalProperties: false, default: {}, description: 'sensitive-data types: built-ins to turn off, custom types' }),
}, { additionalProperties: false, default: {} });

export type DiscoveryServiceConfig = Static<typeof discoveryServiceSchema>;
