// `bulwark detect`: runs the detection engine on a string or a whole request and shows what matched,
// where, after which decoding, and the score against the threshold: the tool for tuning paranoia
// levels and exclusions before they go into the gateway's configuration.
import { readFileSync } from 'node:fs';
import { CommanderError, type Command } from 'commander';
import { validate } from '../../core/config/load-config.js';
import { BulwarkError } from '../../core/errors.js';
import { createDetectionEngine, type EngineOptions, type InputField, type Inspection, type Paranoia } from '../../detect/index.js';
import { parseRequestText } from '../../detect/request-text.js';
import { loadGatewayConfig } from '../../gateway/index.js';
import { mergeConfig, stageConfigSchema } from '../../gateway/stage-config.js';
import { engineOptionsFor, threatsStage } from '../../gateway/stages/threats/index.js';
import type { ThreatsConfig } from '../../gateway/stages/threats/schema.js';
import { escapeUnsafe, formatTable, toSafeJson } from '../terminal-text.js';

interface DetectOptions {
  request?: string;
  as: string;
  name?: string;
  paranoia?: string;
  detectionParanoia?: string;
  threshold?: string;
  config?: string;
  route?: string;
  json?: boolean;
  failOnBlock?: boolean;
}

/** Exit status with --fail-on-block when the engine would block: distinct from errors (1, 2). */
export const BLOCKED_EXIT_CODE = 3;

const EXAMPLES = `
Examples:
  $ bulwark detect "1' union select password from users--"
  $ bulwark detect --as header:user-agent '\${jndi:ldap://x/a}'
  $ bulwark detect --as json --name comment "<p>Hello <b>world</b></p>"
  $ bulwark detect --request captured.http -c bulwark.yaml --route api
  $ cat request.json | bulwark detect --request - --json

--request reads an HTTP/1.1 message ("POST /path HTTP/1.1", headers, blank line, body) or a JSON
description {method, path, query, headers, body | bodyBase64}. With -c, the paranoia levels, threshold
and exclusions come from the configuration's threats stage (and --route's override); --paranoia and
--threshold still win. With --fail-on-block the exit status is ${BLOCKED_EXIT_CODE} when the request would be blocked.
`;

export function registerDetectCommand(program: Command): void {
  program.command('detect')
    .description('run attack detection on a string or a request and show the findings and the score')
    .argument('[value]', 'the string to inspect ("-" reads it from stdin)')
    .option('-r, --request <file>', 'inspect a whole request from a file ("-" for stdin)')
    .option('--as <place>', 'where the string sits: query, path, header:<name>, cookie, json, json-key, form, xml, raw', 'query')
    .option('--name <name>', 'the parameter, key or cookie name the string belongs to', 'value')
    .option('-p, --paranoia <level>', 'blocking paranoia level, 1-4 (default 1, or the config\'s)')
    .option('--detection-paranoia <level>', 'also run (and report, without blocking) rules up to this level')
    .option('--threshold <score>', 'anomaly score that blocks (default 5, or the config\'s)')
    .option('-c, --config <file>', 'take the threats settings (levels, threshold, exclusions) from this gateway configuration')
    .option('--route <name>', 'with -c: the settings of this route (its stages.threats override)')
    .option('--json', 'print the inspection as JSON')
    .option('--fail-on-block', `exit with status ${BLOCKED_EXIT_CODE} when the request would be blocked`)
    .addHelpText('after', EXAMPLES)
    .action((value: string | undefined, options: DetectOptions) => detect(value, options));
}

function detect(value: string | undefined, options: DetectOptions): void {
  if ((value === undefined) === (options.request === undefined)) {
    throw new BulwarkError('CLI_ARGUMENT_INVALID', 'give either a value to inspect or --request <file>, not both and not neither');
  }
  const engine = createDetectionEngine(engineOptions(options));
  let inspection: Inspection;
  if (options.request !== undefined) {
    const text = readInput(options.request, '--request');
    const parsed = parseRequestText(text);
    if (!parsed.ok) throw new BulwarkError('CLI_ARGUMENT_INVALID', `--request ${options.request}: ${parsed.problem}`);
    inspection = engine.inspect(parsed.request);
  } else {
    inspection = engine.inspectValue(value === '-' ? readInput('-', 'value') : (value as string), fieldFor(options.as, options.name ?? 'value'));
  }
  process.stdout.write(options.json === true ? toSafeJson({ ...inspection, threshold: engine.threshold, paranoia: engine.blockingParanoia, detectionParanoia: engine.detectionParanoia }) : render(inspection, engine.threshold, engine.blockingParanoia, engine.detectionParanoia));
  if (options.failOnBlock === true && inspection.blocked) throw new CommanderError(BLOCKED_EXIT_CODE, 'bulwark.detect.blocked', '');
}

function readInput(source: string, what: string): string {
  try {
    return readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (error) {
    throw new BulwarkError('CLI_ARGUMENT_INVALID', `${what}: cannot read ${source === '-' ? 'stdin' : source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function engineOptions(options: DetectOptions): EngineOptions {
  const base = options.config === undefined ? undefined : configured(options.config, options.route);
  if (options.config === undefined && options.route !== undefined) throw new BulwarkError('CLI_ARGUMENT_INVALID', '--route needs -c <config>');
  const paranoia = level(options.paranoia, '--paranoia') ?? base?.blockingParanoia ?? 1;
  const detection = level(options.detectionParanoia, '--detection-paranoia') ?? Math.max(base?.detectionParanoia ?? paranoia, paranoia) as Paranoia;
  if (detection < paranoia) throw new BulwarkError('CLI_ARGUMENT_INVALID', `--detection-paranoia (${detection}) must be at least the blocking paranoia (${paranoia})`);
  let threshold = base?.threshold ?? 5;
  if (options.threshold !== undefined) {
    threshold = Number(options.threshold);
    if (!Number.isInteger(threshold) || threshold < 1) throw new BulwarkError('CLI_ARGUMENT_INVALID', `--threshold: "${escapeUnsafe(options.threshold)}" is not a whole number of at least 1`);
  }
  // No time budget at the command line: tuning wants the whole answer, however long it takes.
  return { ...base, blockingParanoia: paranoia, detectionParanoia: detection, threshold, budgetMs: Number.POSITIVE_INFINITY };
}

function level(text: string | undefined, option: string): Paranoia | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (![1, 2, 3, 4].includes(value)) throw new BulwarkError('CLI_ARGUMENT_INVALID', `${option}: "${escapeUnsafe(text)}" is not a paranoia level (1-4)`);
  return value as Paranoia;
}

/** The threats settings of a configuration file (global, merged with a route's override). */
function configured(file: string, routeName: string | undefined): EngineOptions {
  const config = loadGatewayConfig(file);
  const stages = config.stages as Record<string, unknown> | undefined;
  let override: unknown;
  let keyPath = 'stages.threats';
  if (routeName !== undefined) {
    const index = config.routes.findIndex((route) => route.name === routeName);
    if (index === -1) throw new BulwarkError('CLI_ARGUMENT_INVALID', `--route: ${file} has no route named "${escapeUnsafe(routeName)}" (routes: ${config.routes.map((route) => route.name).join(', ') || 'none'})`);
    override = (config.routes[index]?.stages)?.threats;
    if (override !== undefined) keyPath = `routes[${index}].stages.threats`;
  }
  const merged = mergeConfig(stages?.threats ?? {}, override) ?? {};
  const problems = validate(merged, stageConfigSchema(threatsStage), keyPath);
  if (problems.length > 0) throw new BulwarkError('CONFIG_INVALID', `${file}: ${problems.map((problem) => `${problem.path} ${problem.message}`).join('; ')}`);
  try {
    return engineOptionsFor(merged as ThreatsConfig);
  } catch (error) {
    throw new BulwarkError('CONFIG_INVALID', `${file}: ${keyPath}.${(error as Error).message}`);
  }
}

/** The field a lone string is inspected as: the place changes which decodings and rules apply. */
export function fieldFor(place: string, name: string): Partial<Omit<InputField, 'value'>> {
  const headerName = /^header:([!#$%&'*+.^_`|~0-9A-Za-z-]+)$/.exec(place)?.[1]?.toLowerCase();
  if (headerName !== undefined) return { kind: 'header', source: 'header', name: headerName, location: `header.${headerName}`, isName: false };
  switch (place) {
    case 'query': return { kind: 'query', source: 'query', name, location: `query.${name}`, isName: false };
    case 'path': return { kind: 'path', source: 'path', name: '', location: 'path[0]', isName: false };
    case 'cookie': return { kind: 'cookie', source: 'cookie', name, location: `cookie.${name}`, isName: false };
    case 'json': return { kind: 'body', source: 'json', name, location: `body.$.${name}`, isName: false };
    case 'json-key': return { kind: 'body', source: 'json', name, location: `body.$.${name}#name`, isName: true };
    case 'form': return { kind: 'body', source: 'form', name, location: `body.form.${name}`, isName: false };
    case 'xml': return { kind: 'body', source: 'xml', name, location: `body.xml./${name}`, isName: false };
    case 'raw': return { kind: 'body', source: 'raw', name: '', location: 'body.raw', isName: false };
    default: throw new BulwarkError('CLI_ARGUMENT_INVALID', `--as: "${escapeUnsafe(place)}" is not one of query, path, header:<name>, cookie, json, json-key, form, xml, raw`);
  }
}

function render(inspection: Inspection, threshold: number, paranoia: number, detectionParanoia: number): string {
  const verdict = inspection.blocked ? 'BLOCKED' : inspection.findings.length > 0 ? 'passed (with findings)' : 'passed';
  const levels = detectionParanoia > paranoia ? `paranoia ${paranoia}, detection ${detectionParanoia}` : `paranoia ${paranoia}`;
  const lines = [`${verdict}: score ${inspection.score} of threshold ${threshold} (${levels}; ${inspection.fieldsInspected} input${inspection.fieldsInspected === 1 ? '' : 's'} inspected)`];
  if (inspection.timedOut) lines.push('the time budget ran out before everything was inspected');
  if (inspection.truncated) lines.push('part of the request was beyond the inspection limits and was not inspected');
  if (inspection.findings.length > 0) {
    lines.push('', ...formatTable([
      ['rule', 'severity', 'level', 'counts', 'location', 'matched'],
      ...inspection.findings.map((finding) => [
        finding.ruleId, finding.severity, String(finding.paranoia), finding.blocking ? 'yes' : 'log only',
        escapeUnsafe(finding.location), `${escapeUnsafe(finding.fragment)}${finding.decoded ? '  (after decoding)' : ''}`,
      ]),
    ]));
  }
  return `${lines.join('\n')}\n`;
}
