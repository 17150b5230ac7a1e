// What the identity config needs from the listeners, checked where the runtime is compiled because
// a stage's factory sees only its own config: Basic needs an https listener (passwords are never
// accepted over plain HTTP), and mutual TLS needs a listener that asks for client certificates.
import type { ListenerConfig } from '../../gateway-config.js';
import type { IdentityConfig } from './schema.js';

export interface ListenerProblem {
  /** Relative to the stage's key path, e.g. `basic`. */
  readonly key: string;
  readonly message: string;
}

export function identityListenerProblems(config: Pick<IdentityConfig, 'basic' | 'mtls'>, listeners: readonly ListenerConfig[]): ListenerProblem[] {
  const problems: ListenerProblem[] = [];
  const https = listeners.filter((listener) => listener.protocol === 'https');
  if (config.basic.enabled && https.length === 0) {
    problems.push({ key: 'basic', message: 'is enabled but no server.listeners entry is https: HTTP Basic is never accepted over plain HTTP' });
  }
  if (config.mtls.enabled && !https.some((listener) => (listener.tls?.clientCertificates ?? 'none') !== 'none')) {
    problems.push({ key: 'mtls', message: 'is enabled but no https listener asks for client certificates (server.listeners[].tls.clientCertificates: request or require)' });
  }
  return problems;
}
