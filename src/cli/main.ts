// The `bulwark` command line: one file per verb under commands/, registered here in one list.
import { Command, CommanderError } from 'commander';
import { isBulwarkError } from '../core/errors.js';
import { registerAccessCommand } from './commands/access.js';
import { registerAuditCommand } from './commands/audit.js';
import { registerConfigCommand } from './commands/config.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerDetectCommand } from './commands/detect.js';
import { registerDiscoverCommand } from './commands/discover.js';
import { registerScanCommand } from './commands/scan.js';
import { registerEventsCommand } from './commands/events.js';
import { registerGrantsCommand } from './commands/grants.js';
import { registerInventoryCommand } from './commands/inventory.js';
import { registerKeysCommand } from './commands/keys.js';
import { registerPasswordsCommand } from './commands/passwords.js';
import { registerRatelimitCommand } from './commands/ratelimit.js';
import { registerServeCommand } from './commands/serve.js';

/** Every command, in the order `bulwark --help` lists them. */
const COMMANDS: readonly ((program: Command) => void)[] = [
  registerServeCommand,
  registerDemoCommand,
  registerConfigCommand,
  registerEventsCommand,
  registerKeysCommand,
  registerPasswordsCommand,
  registerGrantsCommand,
  registerAccessCommand,
  registerDetectCommand,
  registerAuditCommand,
  registerDiscoverCommand,
  registerInventoryCommand,
  registerRatelimitCommand,
  registerScanCommand,
];

export function buildProgram(): Command {
  const program = new Command('bulwark')
    .description('Bulwark: API security gateway, discovery, audit, scanner and monitoring')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

/** Runs the CLI; resolves with the process exit code. Errors become one clear line on stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isBulwarkError(error)) {
      process.stderr.write(`bulwark: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`bulwark: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
