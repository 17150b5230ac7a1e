// Prometheus metrics of the gateway (prom-client). Labels are bounded: route names, stage names,
// rule ids and status classes come from config and code, never from the request.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface GatewayMetrics {
  readonly registry: Registry;
  readonly requests: Counter<'route' | 'method' | 'status_class'>;
  /** Every recorded security event, including those that let the request through ('allowed'). */
  readonly events: Counter<'stage' | 'rule' | 'route' | 'action'>;
  readonly denials: Counter<'stage' | 'rule' | 'route' | 'action'>;
  readonly upstreamErrors: Counter<'route' | 'kind'>;
  readonly stageFailures: Counter<'stage' | 'route' | 'policy'>;
  readonly duration: Histogram<'route'>;
  readonly upstreamDuration: Histogram<'route'>;
  readonly eventsDropped: Counter;
  readonly eventsQueued: Gauge;
  readonly configReloads: Counter<'result'>;
  /** Requests whose rate limits did without the shared store: counted locally, or refused (closed). */
  readonly rateLimitFallbacks: Counter<'route' | 'outcome'>;
  /** 1 while the shared rate-limit store (Redis) is connected, 0 while it is not; absent without one. */
  readonly rateLimitStoreUp: Gauge;
  /** Traffic samples discovery learned from, or dropped because its queue was full. */
  readonly discoverySamples: Counter<'outcome'>;
  /** Operations in the learned inventory (set at each save). */
  readonly discoveryOperations: Gauge;
  /** Gives the in-flight gauge its source; read at scrape time, not touched per request. */
  readInFlightFrom(source: () => number): void;
}

/**
 * prom-client hashes the label object on every inc/observe; on the request path the children are
 * looked up once per label combination and kept, which is a plain Map lookup afterwards.
 */
export function cachedChildren<T>(labelled: (...values: string[]) => T): (...values: string[]) => T {
  const children = new Map<string, T>();
  return (...values) => {
    const key = values.join('\u0000');
    let child = children.get(key);
    if (child === undefined) {
      child = labelled(...values);
      children.set(key, child);
    }
    return child;
  };
}

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  // Includes nodejs_eventloop_lag_seconds and heap gauges, which the overload thresholds relate to.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const registers = [registry];
  let inFlightSource = (): number => 0;
  new Gauge({
    name: 'bulwark_requests_in_flight', help: 'Requests being handled', registers,
    collect() {
      this.set(inFlightSource());
    },
  });
  return {
    registry,
    requests: new Counter({ name: 'bulwark_requests_total', help: 'Requests answered, by route and status class', labelNames: ['route', 'method', 'status_class'], registers }),
    events: new Counter({ name: 'bulwark_security_events_total', help: 'Security events recorded, by action (blocked, monitored, allowed with a note such as a fail-open budget overrun, error)', labelNames: ['stage', 'rule', 'route', 'action'], registers }),
    denials: new Counter({ name: 'bulwark_denials_total', help: 'Answers that denied a request (blocked), would have in monitor mode (monitored), or failed upstream (error)', labelNames: ['stage', 'rule', 'route', 'action'], registers }),
    upstreamErrors: new Counter({ name: 'bulwark_upstream_errors_total', help: 'Upstream failures by kind', labelNames: ['route', 'kind'], registers }),
    stageFailures: new Counter({ name: 'bulwark_stage_failures_total', help: 'Stages that threw, and the failure policy applied', labelNames: ['stage', 'route', 'policy'], registers }),
    duration: new Histogram({ name: 'bulwark_request_duration_seconds', help: 'Time from request to response end', labelNames: ['route'], buckets: LATENCY_BUCKETS, registers }),
    upstreamDuration: new Histogram({ name: 'bulwark_upstream_duration_seconds', help: 'Time to the upstream response headers', labelNames: ['route'], buckets: LATENCY_BUCKETS, registers }),
    eventsDropped: new Counter({ name: 'bulwark_events_dropped_total', help: 'Security events dropped because the write queue was full', registers }),
    eventsQueued: new Gauge({ name: 'bulwark_events_queued', help: 'Security events waiting to be written', registers }),
    rateLimitFallbacks: new Counter({ name: 'bulwark_ratelimit_store_fallbacks_total', help: 'Requests whose rate limits could not use the shared store: counted locally (local) or refused (closed)', labelNames: ['route', 'outcome'], registers }),
    rateLimitStoreUp: new Gauge({ name: 'bulwark_ratelimit_store_up', help: '1 while the shared rate-limit store (Redis) is connected', registers }),
    discoverySamples: new Counter({ name: 'bulwark_discovery_samples_total', help: 'Traffic samples learned from (learned) or dropped because the queue was full (dropped)', labelNames: ['outcome'], registers }),
    discoveryOperations: new Gauge({ name: 'bulwark_discovery_operations', help: 'Operations in the inventory learned from traffic', registers }),
    configReloads: new Counter({ name: 'bulwark_config_reloads_total', help: 'Configuration reloads by result', labelNames: ['result'], registers }),
    readInFlightFrom(source) {
      inFlightSource = source;
    },
  };
}

export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}
