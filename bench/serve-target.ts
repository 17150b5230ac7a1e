// One system under test in its own process, started by bench/gateway.ts:
//   upstream                      the demo bookshop API (src/demo/demo-api.ts)
//   baseline <upstream-url>       the minimal undici proxy (bench/baseline-proxy.ts)
//   bulwark <config-file>         the gateway (loadGatewayConfig + startGateway)
// It runs as plain JavaScript: bench/gateway.ts transpiles this file and baseline-proxy.ts into a temp
// dir next to a snapshot of dist/ (npm run build), named by BENCH_ROOT, and the gateway code is imported
// from that snapshot, so no TypeScript loader sits in the measured process. It listens on 127.0.0.1 on an ephemeral port, reports
// { ready: url } over the IPC channel, and exits cleanly on 'stop' / SIGTERM (so --cpu-prof is written).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as DemoApi from '../src/demo/demo-api.js';
import type * as Gateway from '../src/gateway/index.js';
import { startBaselineProxy } from './baseline-proxy.js';

// Types come from src/, code from the dist/ snapshot (type-only imports vanish from the output).
type GatewayModule = typeof Gateway;
type DemoModule = typeof DemoApi;

const root = process.env.BENCH_ROOT;
if (root === undefined) throw new Error('BENCH_ROOT (the directory holding dist/) is not set');

async function fromDist<T>(file: string): Promise<T> {
  return (await import(pathToFileURL(join(root!, 'dist', file)).href)) as T;
}

async function start(kind: string | undefined, arg: string | undefined): Promise<{ url: string; close(): Promise<void> }> {
  switch (kind) {
    case 'upstream': {
      const { startDemoApi } = await fromDist<DemoModule>('demo/demo-api.js');
      return startDemoApi(0, '127.0.0.1');
    }
    case 'baseline': {
      if (arg === undefined) throw new Error('usage: baseline <upstream-url>');
      return startBaselineProxy(arg, 0, '127.0.0.1', 128);
    }
    case 'bulwark': {
      if (arg === undefined) throw new Error('usage: bulwark <config-file>');
      const { loadGatewayConfig, startGateway } = await fromDist<GatewayModule>('gateway/index.js');
      const running = await startGateway({ config: loadGatewayConfig(arg, {}), watch: false });
      const url = running.listeners[0]?.url;
      if (url === undefined) throw new Error('the gateway has no listener');
      return { url, close: () => running.close() };
    }
    default:
      throw new Error(`unknown target kind ${String(kind)}`);
  }
}

const target = await start(process.argv[2], process.argv[3]);
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  // Bounded: a keep-alive client that lingers must not keep the benchmark waiting.
  const timer = setTimeout(() => process.exit(0), 3_000);
  void target.close().finally(() => {
    clearTimeout(timer);
    process.exit(0);
  });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('message', (message) => { if (message === 'stop') stop(); });
process.on('disconnect', stop);
process.send?.({ ready: target.url, pid: process.pid });
