// `bulwark inventory`: the API inventory discovery keeps in the store (from the gateway's traffic and
// `bulwark discover --save`): list it worst risk first, show one operation, compare it with OpenAPI
// documents (shadow, zombie, drift, never called), export it as OpenAPI 3.1, correct path templates.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { BulwarkError } from '../../core/errors.js';
import { createDiscovery, exportOpenApi, type Discovery, type DocumentComparison, type OperationView } from '../../discovery/index.js';
import type { PathCorrection } from '../../discovery/paths/index.js';
import { openInventoryStore } from '../../store/index.js';
import { databasePath, DEFAULT_DB, type DatabaseOptions } from '../database-path.js';
import { compareViews, comparisonReport, inventoryJson, inventoryRows, inventoryTable, loadComparedDocuments, operationDetail, writeDocument } from '../inventory-report.js';
import { toSafeJson } from '../terminal-text.js';

interface InventoryOptions extends DatabaseOptions {
  openapi?: string[];
  previous?: string[];
  json?: boolean;
}

const EXAMPLES = `
Examples:
  $ bulwark inventory list -c bulwark.yaml                  every operation seen, worst risk first
  $ bulwark inventory show GET /users/{user} -c bulwark.yaml
  $ bulwark inventory diff -c bulwark.yaml --previous v1.yaml   shadow, zombie, drift, never called
  $ bulwark inventory export -o discovered.yaml -c bulwark.yaml
  $ bulwark inventory correct split /repos/{repo} -c bulwark.yaml   keep that position literal

With -c, the documents the config's routes enforce are compared with (list, show, diff).
`;

export function registerInventoryCommand(program: Command): void {
  const inventory = program.command('inventory').description('the API inventory learned from traffic: list, show, diff, export, correct').addHelpText('after', EXAMPLES);
  const common = (command: Command): Command => command
    .option('--db <path>', `SQLite database (default: store.sqlite.path from --config, else ${DEFAULT_DB})`)
    .option('-c, --config <file>', 'gateway configuration: its database, and its routes\' OpenAPI documents')
    .option('--openapi <files...>', 'OpenAPI documents to compare with (besides the config\'s)')
    .option('--previous <files...>', 'earlier document versions: their operations missing now are zombies when called')
    .option('--json', 'JSON instead of text');
  common(inventory.command('list').description('every operation, worst risk first')).action((options: InventoryOptions) => run(options, (views, comparison) => (
    options.json === true ? toSafeJson(inventoryJson(inventoryRows(views, comparison))) : inventoryTable(inventoryRows(views, comparison)))));
  common(inventory.command('show').description('one operation in detail').argument('<method>').argument('<path>', 'its template, as listed'))
    .action((method: string, path: string, options: InventoryOptions) => run(options, (views, comparison) => {
      const view = views.find((each) => each.method === method.toUpperCase() && (each.template === path || `${each.host}${each.template}` === path));
      if (view === undefined) throw new BulwarkError('CLI_ARGUMENT_INVALID', `${method.toUpperCase()} ${path}: not in the inventory (bulwark inventory list shows what is)`);
      return options.json === true ? toSafeJson(view) : operationDetail(view, comparison);
    }));
  common(inventory.command('diff').description('compare with OpenAPI documents: shadow and zombie operations, shadow parameters, drift, never called'))
    .action((options: InventoryOptions) => run(options, (_views, comparison) => {
      if (comparison === undefined) throw new BulwarkError('CLI_ARGUMENT_INVALID', 'nothing to compare with: give --openapi <file>, or -c <config> whose routes have OpenAPI documents');
      return options.json === true ? toSafeJson(comparison.operations.filter((each) => each.status !== 'documented' || each.shadowParameters.length > 0 || each.drift.length > 0)
        .map((each) => ({ operation: `${each.view.method} ${each.view.template}`, status: each.status, zombieReason: each.zombieReason, shadowParameters: each.shadowParameters, drift: each.drift }))) : comparisonReport(comparison);
    }));
  inventory.command('export').description('write the inventory as OpenAPI 3.1')
    .requiredOption('-o, --output <file>', 'YAML, or JSON when the name ends in .json')
    .option('--title <text>', 'info.title', 'Discovered API')
    .option('--db <path>', `SQLite database (default: store.sqlite.path from --config, else ${DEFAULT_DB})`)
    .option('-c, --config <file>', 'gateway configuration whose store.sqlite.path names the database')
    .action(async (options: DatabaseOptions & { output: string; title: string }) => {
      const views = await withDiscovery(options, (discovery) => Promise.resolve(discovery.views()));
      writeDocument(options.output, exportOpenApi(views, { title: options.title }), '--output');
      process.stdout.write(`${views.length} operations written to ${options.output}\n`);
    });
  inventory.command('correct').description('correct the path templates: split a merged position back into literals, merge one, rename a parameter')
    .argument('<action>', 'split | literal | merge | rename').argument('<template>', 'the template to correct, as listed')
    .option('--param <name>', 'the parameter (split, merge, rename) when the template has several')
    .option('--name <name>', 'rename: the new name')
    .option('--db <path>', `SQLite database (default: store.sqlite.path from --config, else ${DEFAULT_DB})`)
    .option('-c, --config <file>', 'gateway configuration whose store.sqlite.path names the database')
    .action(async (action: string, template: string, options: DatabaseOptions & { param?: string; name?: string }) => {
      const correction = correctionOf(action, template, options);
      await withDiscovery(options, async (discovery) => {
        try {
          discovery.correct(correction);
        } catch (error) {
          // The learner names the problem (no such template or parameter): the user's argument, not a bug.
          throw new BulwarkError('CLI_ARGUMENT_INVALID', `${action} ${template}: ${(error as Error).message}`, { cause: error });
        }
        await discovery.save();
      });
      process.stdout.write(`corrected: ${action} ${template}; new traffic follows it (a running gateway picks it up when restarted)\n`);
    });
}

async function run(options: InventoryOptions, render: (views: OperationView[], comparison: DocumentComparison | undefined) => string): Promise<void> {
  const documents = await loadComparedDocuments(options);
  const views = await withDiscovery(options, (discovery) => Promise.resolve(discovery.views()));
  process.stdout.write(render(views, compareViews(views, documents)));
}

async function withDiscovery<T>(options: DatabaseOptions, work: (discovery: Discovery) => Promise<T>): Promise<T> {
  const path = databasePath(options);
  // Reading must never leave an empty database behind a mistyped path.
  if (!existsSync(path)) throw new BulwarkError('STORE_OPEN_FAILED', `no database at ${path} (use --db <file> or -c <config>)`);
  const store = openInventoryStore({ sqlite: { path } });
  try {
    const discovery = createDiscovery({ store });
    await discovery.load();
    return await work(discovery);
  } finally {
    await store.close();
  }
}

function correctionOf(action: string, template: string, options: { param?: string; name?: string }): PathCorrection {
  const param = options.param === undefined ? {} : { param: options.param };
  switch (action) {
    case 'split':
    case 'merge':
      return { action, template, ...param };
    case 'literal':
      return { action, template };
    case 'rename':
      if (options.name === undefined || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(options.name)) throw new BulwarkError('CLI_ARGUMENT_INVALID', '--name: rename needs a parameter name (letters, digits, _; at most 64)');
      return { action, template, ...param, name: options.name };
    default:
      throw new BulwarkError('CLI_ARGUMENT_INVALID', `${action}: expected split, literal, merge or rename`);
  }
}
