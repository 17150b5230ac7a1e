// Discovery's public surface: what the gateway, the CLI and the admin API use.
export { createSampleQueue, type SampleQueue, type SampleQueueOptions, type SampleSink } from './sample-queue.js';
export { detectAuth, decodeJwtClaims, type AuthKind, type ObservedAuth } from './auth/detect-auth.js';
export { createDiscovery, type Discovery, type DiscoveryOptions, type DiscoveryStats } from './discovery-engine.js';
export type { OperationView, ParameterView, BodyView, ResponseView, AuthView, SensitiveFieldView, JsonSchema } from './inventory/operation-view.js';
export { compareWithDocuments, type ComparedOperation, type DocumentComparison, type DriftFinding } from './inventory/compare-documents.js';
export { riskScore, type RiskReason, type RiskScore } from './inventory/risk-score.js';
export { exportOpenApi, type ExportOptions } from './export/export-openapi.js';
export { documentsOfConfig, knownTemplatesOf, loadDocuments } from './documents.js';
export { compareSchemas } from './schema/index.js';
export { readTrafficFile, scanTrafficFile, TRAFFIC_FORMATS, type TrafficFormat, type SourceSummary } from './sources/index.js';
export { sensitiveConfigSchema, type SensitiveConfig } from './sensitive/index.js';
export { startDiscoveryService, type DiscoveryService, type DiscoveryServiceOptions } from './discovery-service.js';
export { discoveryServiceSchema, type DiscoveryServiceConfig } from './config.js';
export { collectedSampleSchema, toTrafficSample, type CollectedSample } from './collected-sample.js';
