// `bulwark config check FILE`: validates a configuration exactly as `serve` would load it.
import type { Command } from 'commander';
import { dirname, resolve } from 'node:path';
import { compileRuntime, createUpstreamRegistry, fixedOverload, loadGatewayConfig, loadRuntimeDocuments, STAGES } from '../../gateway/index.js';
import { createLogger } from '../../core/logger.js';

export function registerConfigCommand(program: Command): void {
  const config = program.command('config').description('work with configuration files');
  config.command('check')
    .description('validate a configuration file (schema, stage options, routes, TLS files, OpenAPI documents)')
    .argument('<file>', 'YAML configuration file')
    .addHelpText('after', '\nExit status: 0 when valid, 2 when not (each problem names the file, line, key and what was expected).\n')
    .action(async (file: string) => {
      const loaded = loadGatewayConfig(file);
      const upstreams = createUpstreamRegistry();
      try {
        const documents = await loadRuntimeDocuments(loaded, dirname(resolve(file)));
        const runtime = compileRuntime(loaded, { logger: createLogger({ level: 'silent' }), overload: fixedOverload(), isTrustedProxy: () => false }, upstreams, documents);
        const enabled = STAGES.filter((s) => runtime.routes.some((r) => [...r.requestStages, ...r.bodyStages, ...r.responseStages].some((c) => c.name === s.name)));
        process.stdout.write(`${file}: valid (${runtime.routes.length} route(s); stages: ${enabled.map((s) => s.name).join(', ') || 'none'})\n`);
      } finally {
        await upstreams.closeAll();
      }
    });
}
