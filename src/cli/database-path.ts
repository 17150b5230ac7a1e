// Which SQLite database a command works on: `--db FILE`, else the `-c CONFIG` file's
// store.sqlite.path (loaded and validated exactly as `serve` does), else ./bulwark.db.
import { BulwarkError } from '../core/errors.js';
import { loadGatewayConfig } from '../gateway/index.js';

export const DEFAULT_DB = './bulwark.db';

export interface DatabaseOptions {
  db?: string;
  config?: string;
}

export function databasePath(options: DatabaseOptions): string {
  if (options.db !== undefined) {
    if (options.db === '') throw new BulwarkError('CLI_ARGUMENT_INVALID', '--db: must not be empty');
    return options.db;
  }
  if (options.config === undefined) return DEFAULT_DB;
  return loadGatewayConfig(options.config).store.sqlite.path;
}
