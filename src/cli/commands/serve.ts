// `bulwark serve -c FILE`: runs the gateway until SIGTERM / SIGINT; SIGHUP reloads the configuration.
import type { Command } from 'commander';
import { loadGatewayConfig, startGateway, type RunningGateway } from '../../gateway/index.js';

export function registerServeCommand(program: Command): void {
  program.command('serve')
    .description('run the security gateway with a configuration file')
    .requiredOption('-c, --config <file>', 'YAML configuration file')
    .option('--no-watch', 'do not reload when the file changes (SIGHUP still reloads)')
    .addHelpText('after', '\nExamples:\n  bulwark serve -c bulwark.yaml\n  kill -HUP <pid>    # reload; an invalid file keeps the running config\n')
    .action(async (options: { config: string; watch: boolean }) => {
      const config = loadGatewayConfig(options.config);
      const running = await startGateway({ config, configFile: options.config, watch: options.watch });
      for (const listener of running.listeners) process.stdout.write(`gateway listening on ${listener.url}\n`);
      if (running.adminUrl) process.stdout.write(`admin (health, metrics) on ${running.adminUrl}\n`);
      await runUntilSignalled(running);
    });
}

/** Resolves once the gateway has shut down gracefully after SIGTERM or SIGINT. */
export function runUntilSignalled(running: RunningGateway, onStop?: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const onHup = (): void => void running.reload();
    const stop = (): void => {
      process.off('SIGHUP', onHup).off('SIGTERM', stop).off('SIGINT', stop);
      void running.close().then(() => onStop?.()).then(() => resolve());
    };
    process.on('SIGHUP', onHup).on('SIGTERM', stop).on('SIGINT', stop);
  });
}
