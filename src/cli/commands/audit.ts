// `bulwark audit`: the static security review of an OpenAPI / Swagger document, for design reviews
// and CI. The report goes to stdout in one format and, at the same time, to files in others (a CI job
// typically wants text in its log, SARIF for code scanning and JUnit for its test tab). Exit status:
// 0 passed, 1 the gate failed (--fail-on, --min-score), 2 the document or an option is unusable.
import { writeFileSync } from 'node:fs';
import { CommanderError, type Command } from 'commander';
import { auditFile, failsGate, type AuditReport } from '../../audit/audit.js';
import { AUDIT_SEVERITIES, OWASP_API, type AuditSeverity } from '../../audit/check.js';
import { AUDIT_CHECKS } from '../../audit/checks/registry.js';
import { loadAuditConfig, type AuditConfig } from '../../audit/config.js';
import { renderJson } from '../../audit/formats/json.js';
import { renderJunit } from '../../audit/formats/junit.js';
import { renderSarif } from '../../audit/formats/sarif.js';
import { renderText } from '../../audit/formats/text.js';
import { BulwarkError } from '../../core/errors.js';
import { formatTable } from '../terminal-text.js';

interface AuditOptions {
  format: string;
  output?: string;
  json?: string;
  sarif?: string;
  junit?: string;
  failOn?: string;
  minScore?: string;
  config?: string;
  color?: boolean;
  listChecks?: boolean;
}

/** Exit status when the report fails the gate (--fail-on / --min-score). */
export const GATE_FAILED_EXIT_CODE = 1;

const FORMATS = ['text', 'json', 'sarif', 'junit'] as const;
type Format = (typeof FORMATS)[number];

const EXAMPLES = `
Examples:
  $ bulwark audit openapi.yaml
  $ bulwark audit openapi.yaml --fail-on high --min-score 70 --sarif audit.sarif --junit audit.xml
  $ bulwark audit swagger.json --format json -o audit.json --config audit.yaml
  $ bulwark audit --list-checks

Exit status: 0 when the gate passes, ${GATE_FAILED_EXIT_CODE} when a finding is at least --fail-on severe or the
score is below --min-score, 2 when the document or an option cannot be used. Accept a risk in the
document with \`x-bulwark-ignore: [{ check: <id or group.*>, reason: <why> }]\` on the node (it covers
everything below it), or in the --config file's \`ignore\` list. See docs/audit.md.
`;

export function registerAuditCommand(program: Command): void {
  program.command('audit')
    .description('review an OpenAPI 3.x / Swagger 2.0 document for security design flaws (OWASP API Top 10 2023)')
    .argument('[document]', 'the OpenAPI or Swagger document (JSON or YAML; local $refs are followed)')
    .option('-f, --format <format>', `report format on stdout: ${FORMATS.join(', ')}`, 'text')
    .option('-o, --output <file>', 'write the --format report to this file instead of stdout')
    .option('--json <file>', 'also write the JSON report to this file')
    .option('--sarif <file>', 'also write a SARIF 2.1.0 report (for code scanning) to this file')
    .option('--junit <file>', 'also write a JUnit XML report to this file')
    .option('--fail-on <severity>', `exit ${GATE_FAILED_EXIT_CODE} if a finding is at least this severe: ${AUDIT_SEVERITIES.join(', ')}, none`)
    .option('--min-score <n>', `exit ${GATE_FAILED_EXIT_CODE} if the total score (0-100) is lower`)
    .option('-c, --config <file>', 'audit configuration: checks off or re-graded, accepted risks, gate defaults')
    .option('--no-color', 'no colours in the text report (NO_COLOR is honoured too)')
    .option('--list-checks', 'list every check with its id, severity and OWASP category, and exit')
    .addHelpText('after', EXAMPLES)
    .action((document: string | undefined, options: AuditOptions) => audit(document, options));
}

async function audit(document: string | undefined, options: AuditOptions): Promise<void> {
  if (options.listChecks === true) {
    process.stdout.write(listChecks());
    return;
  }
  if (document === undefined) throw new BulwarkError('CLI_ARGUMENT_INVALID', 'give the document to audit: bulwark audit <file>');
  const format = parseFormat(options.format);
  const config: AuditConfig = options.config === undefined ? {} : loadAuditConfig(options.config, AUDIT_CHECKS);
  const failOn = parseFailOn(options.failOn) ?? config.failOn;
  const minScore = parseMinScore(options.minScore) ?? config.minScore;
  const report = await auditFile(document, { config });

  const color = options.output === undefined && options.color !== false && process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
  const main = render(report, format, color);
  if (options.output === undefined) process.stdout.write(main);
  else writeReport(options.output, main, '--output');
  if (options.json !== undefined) writeReport(options.json, render(report, 'json', false), '--json');
  if (options.sarif !== undefined) writeReport(options.sarif, render(report, 'sarif', false), '--sarif');
  if (options.junit !== undefined) writeReport(options.junit, render(report, 'junit', false), '--junit');

  const reasons = failsGate(report, failOn, minScore);
  if (reasons.length > 0) {
    process.stderr.write(`bulwark audit: failed: ${reasons.join('; ')}\n`);
    throw new CommanderError(GATE_FAILED_EXIT_CODE, 'bulwark.audit.failed', '');
  }
}

function render(report: AuditReport, format: Format, color: boolean): string {
  switch (format) {
    case 'text': return renderText(report, { color });
    case 'json': return renderJson(report);
    case 'sarif': return renderSarif(report);
    case 'junit': return renderJunit(report);
  }
}

function writeReport(file: string, content: string, option: string): void {
  try {
    writeFileSync(file, content);
  } catch (error) {
    throw new BulwarkError('CLI_ARGUMENT_INVALID', `${option} ${file}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
  }
}

function parseFormat(value: string): Format {
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new BulwarkError('CLI_ARGUMENT_INVALID', `--format ${value}: expected one of ${FORMATS.join(', ')}`);
}

function parseFailOn(value: string | undefined): AuditSeverity | 'none' | undefined {
  if (value === undefined) return undefined;
  if (value === 'none' || (AUDIT_SEVERITIES as readonly string[]).includes(value)) return value as AuditSeverity | 'none';
  throw new BulwarkError('CLI_ARGUMENT_INVALID', `--fail-on ${value}: expected one of ${AUDIT_SEVERITIES.join(', ')}, none`);
}

function parseMinScore(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const score = Number(value);
  if (Number.isInteger(score) && score >= 0 && score <= 100 && /^\d+$/.test(value)) return score;
  throw new BulwarkError('CLI_ARGUMENT_INVALID', `--min-score ${value}: expected a whole number from 0 to 100`);
}

function listChecks(): string {
  const rows = [['check', 'severity', 'part', 'OWASP', 'title'], ...AUDIT_CHECKS.map((check) => [check.id, check.severity, check.part, check.owasp, check.title])];
  const categories = Object.entries(OWASP_API).map(([key, name]) => `  ${key.padEnd(5)} ${name}`);
  return `${formatTable(rows).join('\n')}\n\n${AUDIT_CHECKS.length} checks. OWASP API Security Top 10 2023:\n${categories.join('\n')}\n`;
}
