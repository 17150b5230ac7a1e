// `bulwark scan`: the active test of a running API against its OpenAPI document, for a developer's
// laptop or CI against staging. Safe by default (no DELETE / PUT / PATCH), bounded (request budget,
// rate), in scope (the target's origin only). Ctrl-C writes the partial report. Exit status: 0 the
// gate passed, 1 a finding at least --fail-on severe, 2 an input is unusable, 130 interrupted.
import { writeFileSync } from 'node:fs';
import { CommanderError, type Command } from 'commander';
import { buildApiModel, loadApiDocument } from '../../contract/index.js';
import { BulwarkError } from '../../core/errors.js';
import { SCAN_CHECKS } from '../../scan/checks/registry.js';
import { SCAN_SEVERITIES, type ScanSeverity } from '../../scan/finding.js';
import type { Identity } from '../../scan/identity.js';
import { loadAuthProfile, resolveIdentities } from '../../scan/identities/index.js';
import { formatForFile, isScanReportFormat, SCAN_REPORT_FORMATS, type ScanReportFormat } from '../../scan/reports/index.js';
import { runScan, type ScanProgress } from '../../scan/run-scan.js';
import type { ScanReport } from '../../scan/scan-report.js';
import { formatTable } from '../terminal-text.js';

interface ScanOptions {
  spec?: string;
  target?: string;
  auth?: string;
  checks?: string;
  rate: string;
  maxRequests: string;
  timeout: string;
  allowDestructive?: boolean;
  format: string;
  output?: string;
  report: string[];
  failOn: string;
  progress?: boolean;
  color?: boolean;
  listChecks?: boolean;
}

export const SCAN_GATE_FAILED_EXIT_CODE = 1;
export const SCAN_INTERRUPTED_EXIT_CODE = 130;

const EXAMPLES = `
Examples:
  $ bulwark scan --spec openapi.yaml --target http://127.0.0.1:8080 --auth identities.yaml
  $ bulwark scan --spec openapi.yaml --target https://staging.example.com --auth identities.yaml \\
      --allow-destructive --report scan.sarif --report scan.html --fail-on medium
  $ bulwark scan --list-checks

Identities (--auth) make authorization testable: give at least two ordinary users, and an admin
for function-level checks. Exit status: 0 when no finding is at least --fail-on severe, ${SCAN_GATE_FAILED_EXIT_CODE} when one
is, 2 when an input cannot be used, ${SCAN_INTERRUPTED_EXIT_CODE} after Ctrl-C (the partial report is written). See docs/scan.md.
`;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerScanCommand(program: Command): void {
  program.command('scan')
    .description('actively test a running API for the OWASP API Top 10 2023, driven by its OpenAPI document')
    .option('-s, --spec <file>', 'the OpenAPI 3.x / Swagger 2.0 document of the API')
    .option('-t, --target <url>', 'the API\'s origin (and the prefix its paths are served under)')
    .option('-a, --auth <file>', 'the auth profile: the identities to act as (YAML or JSON)')
    .option('--checks <ids>', 'only these checks, comma-separated (ids or categories such as api8)')
    .option('--rate <n>', 'requests per second', '20')
    .option('--max-requests <n>', 'the request budget; the scan stops there with a partial report', '5000')
    .option('--timeout <ms>', 'per request', '10000')
    .option('--allow-destructive', 'also send DELETE, PUT and PATCH (they change or remove data)')
    .option('-f, --format <format>', `report format on stdout: ${Object.keys(SCAN_REPORT_FORMATS).join(', ')}`, 'text')
    .option('-o, --output <file>', 'write the --format report to this file instead of stdout')
    .option('--report <file>', 'also write a report, its format by extension (.json, .sarif, .xml, .html; repeatable)', collect, [])
    .option('--fail-on <severity>', `exit ${SCAN_GATE_FAILED_EXIT_CODE} if a finding is at least this severe: ${SCAN_SEVERITIES.join(', ')}, none`, 'high')
    .option('--no-progress', 'no progress line on stderr')
    .option('--no-color', 'no colours in the text report (NO_COLOR is honoured too)')
    .option('--list-checks', 'list every check and exit')
    .addHelpText('after', EXAMPLES)
    .action((options: ScanOptions) => scan(options));
}

async function scan(options: ScanOptions): Promise<void> {
  if (options.listChecks === true) {
    const rows = [['check', 'category', 'severity', 'title'], ...SCAN_CHECKS.map((check) => [check.id, check.category, check.severity, check.title])];
    process.stdout.write(`${formatTable(rows).join('\n')}\n`);
    return;
  }
  const settings = parseOptions(options);
  const api = buildApiModel(await loadApiDocument(settings.spec));
  const identities = await identitiesOf(options.auth, settings.target, settings.timeoutMs);
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(SCAN_INTERRUPTED_EXIT_CODE);
    process.stderr.write('\nbulwark scan: interrupted, writing the partial report (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  const showProgress = options.progress !== false && process.stderr.isTTY === true;
  let report: ScanReport;
  try {
    report = await runScan({
      api, spec: settings.spec, target: settings.target, identities: identities.identities, checks: settings.checks,
      rate: settings.rate, maxRequests: settings.maxRequests, timeoutMs: settings.timeoutMs, allowDestructive: options.allowDestructive === true,
      signal: controller.signal, problems: identities.problems, ...(showProgress ? { onProgress: printProgress } : {}),
    });
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    if (showProgress) process.stderr.write('\r\x1b[K');
  }
  writeReports(report, options, settings.format);
  if (report.stopReason === 'interrupted') throw new CommanderError(SCAN_INTERRUPTED_EXIT_CODE, 'bulwark.scan.interrupted', '');
  const failing = settings.failOn === 'none' ? [] : report.findings.filter((finding) => SCAN_SEVERITIES.indexOf(finding.severity) <= SCAN_SEVERITIES.indexOf(settings.failOn as ScanSeverity));
  if (failing.length > 0) {
    process.stderr.write(`bulwark scan: failed: ${failing.length} finding(s) at least ${settings.failOn}\n`);
    throw new CommanderError(SCAN_GATE_FAILED_EXIT_CODE, 'bulwark.scan.failed', '');
  }
}

interface Settings {
  readonly spec: string;
  readonly target: URL;
  readonly checks: typeof SCAN_CHECKS;
  readonly rate: number;
  readonly maxRequests: number;
  readonly timeoutMs: number;
  readonly format: ScanReportFormat;
  readonly failOn: ScanSeverity | 'none';
}

function parseOptions(options: ScanOptions): Settings {
  if (options.spec === undefined) throw new BulwarkError('CLI_ARGUMENT_INVALID', 'give the API\'s document: --spec openapi.yaml');
  if (options.target === undefined) throw new BulwarkError('CLI_ARGUMENT_INVALID', 'give the API\'s address: --target https://staging.example.com');
  if (!isScanReportFormat(options.format)) throw new BulwarkError('CLI_ARGUMENT_INVALID', `--format ${options.format}: expected one of ${Object.keys(SCAN_REPORT_FORMATS).join(', ')}`);
  if (options.failOn !== 'none' && !(SCAN_SEVERITIES as readonly string[]).includes(options.failOn)) {
    throw new BulwarkError('CLI_ARGUMENT_INVALID', `--fail-on ${options.failOn}: expected one of ${SCAN_SEVERITIES.join(', ')}, none`);
  }
  return {
    spec: options.spec, target: parseTarget(options.target), checks: selectChecks(options.checks),
    rate: positive('--rate', options.rate, 1000), maxRequests: positive('--max-requests', options.maxRequests, 10_000_000),
    timeoutMs: positive('--timeout', options.timeout, 600_000), format: options.format, failOn: options.failOn as ScanSeverity | 'none',
  };
}

function parseTarget(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BulwarkError('SCAN_TARGET_INVALID', `--target ${text}: not a URL (e.g. https://staging.example.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BulwarkError('SCAN_TARGET_INVALID', `--target ${text}: only http and https targets can be scanned`);
  if (url.username !== '' || url.password !== '') throw new BulwarkError('SCAN_TARGET_INVALID', '--target: credentials do not belong in the URL; put them in the --auth profile');
  url.search = '';
  url.hash = '';
  return url;
}

function positive(option: string, text: string, max: number): number {
  const value = Number(text);
  if (/^\d+(\.\d+)?$/.test(text) && value > 0 && value <= max) return value;
  throw new BulwarkError('CLI_ARGUMENT_INVALID', `${option} ${text}: expected a number above 0 and at most ${max}`);
}

function selectChecks(list: string | undefined): typeof SCAN_CHECKS {
  if (list === undefined) return SCAN_CHECKS;
  const wanted = list.split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');
  const unknown = wanted.filter((item) => !SCAN_CHECKS.some((check) => check.id === item || check.id.startsWith(`${item}.`)));
  if (unknown.length > 0) throw new BulwarkError('CLI_ARGUMENT_INVALID', `--checks: unknown ${unknown.join(', ')} (bulwark scan --list-checks lists them)`);
  return SCAN_CHECKS.filter((check) => wanted.some((item) => check.id === item || check.id.startsWith(`${item}.`)));
}

async function identitiesOf(file: string | undefined, target: URL, timeoutMs: number): Promise<{ identities: readonly Identity[]; problems: readonly string[] }> {
  if (file === undefined) return { identities: [], problems: ['no --auth profile: authentication and authorization checks have no identity to act as'] };
  const profile = loadAuthProfile(file);
  const resolved = await resolveIdentities(profile.profile, { target, timeoutMs });
  if (resolved.problems.length > 0) throw new BulwarkError('SCAN_AUTH_PROFILE_INVALID', resolved.problems.join('\n'));
  return { identities: resolved.identities, problems: profile.warnings };
}

function printProgress(progress: ScanProgress): void {
  process.stderr.write(`\r\x1b[K[${progress.checkIndex + 1}/${progress.checks}] ${progress.checkId}: ${progress.requestsSent} requests, ${progress.findings} finding(s)`);
}

function writeReports(report: ScanReport, options: ScanOptions, format: ScanReportFormat): void {
  const color = options.output === undefined && options.color !== false && process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
  const main = SCAN_REPORT_FORMATS[format](report, { color });
  if (options.output === undefined) process.stdout.write(main);
  else write(options.output, main);
  for (const file of options.report) write(file, SCAN_REPORT_FORMATS[formatForFile(file)](report, {}));
}

function write(file: string, content: string): void {
  try {
    writeFileSync(file, content);
  } catch (error) {
    throw new BulwarkError('CLI_ARGUMENT_INVALID', `${file}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
}
