// Loads and validates the gateway's YAML file; the admin listener is checked here too, because an
// unauthenticated /metrics may only be reachable from this machine.
import { BulwarkError } from '../core/errors.js';
import { loadConfigFile } from '../core/config/load-config.js';
import { GatewayConfigSchema, type GatewayConfig } from './gateway-config.js';
import { clientCertificateProblem } from './listeners.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export function loadGatewayConfig(file: string, env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadConfigFile<GatewayConfig>(file, GatewayConfigSchema, env);
  if (config.admin.enabled && !LOOPBACK.has(config.admin.host) && config.admin.metricsToken === undefined) {
    throw new BulwarkError('CONFIG_INVALID', `${file}: admin.metricsToken is required when admin.host (${config.admin.host}) is not a loopback address`);
  }
  for (const [index, listener] of config.server.listeners.entries()) {
    if (listener.protocol === 'https' && listener.tls === undefined) {
      throw new BulwarkError('CONFIG_INVALID', `${file}: server.listeners[${index}].tls is required for an https listener`);
    }
    const problem = listener.tls === undefined ? undefined : clientCertificateProblem(listener.tls, `server.listeners[${index}].tls`);
    if (problem !== undefined) throw new BulwarkError('CONFIG_INVALID', `${file}: ${problem}`);
  }
  return config;
}
