// Public surface of the gateway module.
export { startGateway, type RunningGateway, type StartGatewayOptions, type ReloadResult } from './start-gateway.js';
export { loadGatewayConfig } from './load-gateway-config.js';
export { GatewayConfigSchema, type GatewayConfig, type RouteConfig } from './gateway-config.js';
export { compileRuntime, loadRuntimeDocuments } from './runtime.js';
export { createUpstreamRegistry } from './upstreams.js';
export { fixedOverload } from './overload.js';
export { hostOf } from './host-header.js';
export { STAGES } from './stages/registry.js';
