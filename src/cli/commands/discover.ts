// `bulwark discover`: learns an API inventory from traffic files (HAR, nginx or Envoy JSON access
// logs), prints it worst risk first, compares it with OpenAPI documents (shadow, zombie, drift) and
// exports it as OpenAPI 3.1; with --save it is added to the inventory the gateway keeps.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { ApiModel } from '../../contract/index.js';
import { BulwarkError } from '../../core/errors.js';
import { createDiscovery, exportOpenApi, knownTemplatesOf, scanTrafficFile, type DocumentComparison, type SourceSummary, type TrafficFormat } from '../../discovery/index.js';
import { openInventoryStore } from '../../store/index.js';
import { databasePath, DEFAULT_DB } from '../database-path.js';
import { compareViews, comparisonReport, inventoryJson, inventoryRows, inventoryTable, loadComparedDocuments, writeDocument } from '../inventory-report.js';
import { escapeUnsafe, toSafeJson } from '../terminal-text.js';

interface DiscoverOptions {
  har?: string[];
  nginx?: string[];
  envoy?: string[];
  openapi?: string[];
  previous?: string[];
  config?: string;
  db?: string;
  output?: string;
  title?: string;
  save?: boolean;
  json?: boolean;
}

const EXAMPLES = `
Examples:
  $ bulwark discover --har session.har -o openapi.yaml      learn from a browser session, export OpenAPI 3.1
  $ bulwark discover access.log --openapi api.yaml            nginx / Envoy log (format detected): shadow, zombie, drift
  $ bulwark discover --nginx a.log b.log --previous v1.yaml   v1 operations still called are zombies
  $ bulwark discover --envoy envoy.log -c bulwark.yaml --save  compare with the config's documents, add to its inventory
  $ bulwark discover --har x.har --json | jq '.operations[] | select(.risk > 50)'

Log formats: docs/discovery-sources.md. Nothing sensitive is printed or stored: fields holding emails,
card numbers, tokens and the like are named with their type and a masked example.
`;

export function registerDiscoverCommand(program: Command): void {
  program.command('discover')
    .description('learn an API inventory from traffic files (HAR, nginx or Envoy JSON logs) and export it as OpenAPI')
    .argument('[files...]', 'traffic files; their format is detected from their content')
    .option('--har <files...>', 'HAR 1.2 files (browser developer tools, proxies)')
    .option('--nginx <files...>', 'nginx JSON access logs (log_format in docs/discovery-sources.md)')
    .option('--envoy <files...>', 'Envoy JSON access logs')
    .option('--openapi <files...>', 'the current OpenAPI documents: their paths are used as written, and the inventory is compared with them')
    .option('--previous <files...>', 'earlier versions of the documents: their operations missing from the current ones are zombies when called')
    .option('-c, --config <file>', 'gateway configuration: its routes\' documents are compared with, and --save uses its database')
    .option('--db <path>', `with --save: the SQLite database (default: store.sqlite.path from --config, else ${DEFAULT_DB})`)
    .option('-o, --output <file>', 'write the inventory as OpenAPI 3.1 (YAML, or JSON when the name ends in .json)')
    .option('--title <text>', 'info.title of the exported document', 'Discovered API')
    .option('--save', 'add what was learned to the stored inventory (bulwark inventory)')
    .option('--json', 'print the inventory as JSON instead of a table')
    .addHelpText('after', EXAMPLES)
    .action((files: string[], options: DiscoverOptions) => discover(files, options));
}

async function discover(files: readonly string[], options: DiscoverOptions): Promise<void> {
  const inputs: [string, TrafficFormat | undefined][] = [
    ...files.map((file): [string, undefined] => [file, undefined]),
    ...(options.har ?? []).map((file): [string, TrafficFormat] => [file, 'har']),
    ...(options.nginx ?? []).map((file): [string, TrafficFormat] => [file, 'nginx']),
    ...(options.envoy ?? []).map((file): [string, TrafficFormat] => [file, 'envoy']),
  ];
  if (inputs.length === 0) throw new BulwarkError('CLI_ARGUMENT_INVALID', 'give at least one traffic file: bulwark discover <file> or --har / --nginx / --envoy <file>');
  const documents = await loadComparedDocuments(options);
  const store = options.save === true ? openInventoryStore({ sqlite: { path: databasePath(options) } }) : undefined;
  try {
    const discovery = createDiscovery({ knownTemplates: knownTemplatesOf(documents.current), ...(store ? { store } : {}) });
    if (store) await discovery.load();
    const summaries: (SourceSummary & { file: string })[] = [];
    for (const [file, format] of inputs) {
      if (!existsSync(file)) throw new BulwarkError('DISCOVERY_SOURCE_INVALID', `${file}: no such file`);
      summaries.push({ file, ...await scanTrafficFile(file, (sample) => discovery.ingest(sample), format) });
    }
    const views = discovery.views();
    const comparison = compareViews(views, documents);
    if (options.output !== undefined) writeDocument(options.output, exportOpenApi(views, { title: options.title ?? 'Discovered API' }), '--output');
    if (store) await discovery.save();
    process.stdout.write(options.json === true ? toSafeJson(jsonReport(views, comparison, summaries)) : textReport(views, comparison, summaries, documents.current, options));
  } finally {
    await store?.close();
  }
}

function textReport(views: Parameters<typeof inventoryRows>[0], comparison: DocumentComparison | undefined, summaries: readonly (SourceSummary & { file: string })[], current: readonly ApiModel[], options: DiscoverOptions): string {
  const out: string[] = [];
  for (const summary of summaries) {
    out.push(escapeUnsafe(`${summary.file}: ${summary.format}, ${summary.sampleCount} samples${summary.skippedCount > 0 ? `, ${summary.skippedCount} skipped` : ''}${summary.isTruncated ? ', read up to the size limit' : ''}`));
    for (const skipped of summary.skipped.slice(0, 5)) out.push(escapeUnsafe(`  ${'line' in skipped ? `line ${skipped.line}` : `entry ${skipped.entry}`}: ${skipped.problem}`));
  }
  out.push('', inventoryTable(inventoryRows(views, comparison)));
  if (comparison !== undefined) out.push(`Compared with ${current.map((model) => model.source).join(', ')}:`, comparisonReport(comparison));
  out.push(`${views.length} operations.${options.output !== undefined ? ` OpenAPI 3.1 written to ${options.output}.` : ''}${options.save === true ? ' Saved to the inventory.' : ''}`);
  return `${out.join('\n')}\n`;
}

function jsonReport(views: Parameters<typeof inventoryRows>[0], comparison: DocumentComparison | undefined, summaries: readonly (SourceSummary & { file: string })[]): unknown {
  return {
    sources: summaries,
    operations: inventoryJson(inventoryRows(views, comparison)),
    ...(comparison !== undefined ? {
      comparison: {
        shadow: comparison.operations.filter((each) => each.status === 'shadow').map((each) => `${each.view.method} ${each.view.template}`),
        zombie: comparison.operations.filter((each) => each.status === 'zombie').map((each) => ({ operation: `${each.view.method} ${each.view.template}`, reason: each.zombieReason, calls: each.view.calls })),
        shadowParameters: comparison.operations.flatMap((each) => each.shadowParameters.map((parameter) => ({ operation: `${each.view.method} ${each.view.template}`, ...parameter }))),
        drift: comparison.operations.flatMap((each) => each.drift.map((drift) => ({ operation: `${each.view.method} ${each.view.template}`, ...drift }))),
        unused: comparison.unused.map((each) => ({ operation: `${each.method} ${each.template}`, operationId: each.operationId })),
      },
    } : {}),
  };
}
