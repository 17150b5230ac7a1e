// Discovery's public surface: what the gateway, the CLI and the admin API use.
export { createSampleQueue, type SampleQueue, type SampleQueueOptions, type SampleSink } from './sample-queue.js';
export { detectAuth, decodeJwtClaims, type AuthKind, type ObservedAuth } from './auth/detect-auth.js';
