// `bulwark audit` in-process: the report formats on stdout and in files at once, the CI gate's exit
// status, the configuration file, --list-checks, and errors that name the file, key or option.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it, mock } from 'node:test';
import { CommanderError } from 'commander';
import { runCommand } from '../../../test/helpers/cli.js';
import { BulwarkError } from '../../core/errors.js';
import { GATE_FAILED_EXIT_CODE, registerAuditCommand } from './audit.js';

const audit = (...args: string[]) => runCommand(registerAuditCommand, 'audit', args);
const dir = mkdtempSync(join(tmpdir(), 'bulwark-audit-'));
const WEAK = resolve('test/fixtures/audit/insecure-3.0.yaml');

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const SOUND = file('sound.yaml', `openapi: 3.1.0
info: { title: Sound, version: '1' }
paths: {}
`);

async function failure(args: string[]): Promise<unknown> {
  const stderr = mock.method(process.stderr, 'write', () => true);
  try {
    await audit(...args);
  } catch (error) {
    return error;
  } finally {
    stderr.mock.restore();
  }
  assert.fail(`bulwark audit ${args.join(' ')} did not fail`);
}

describe('bulwark audit', () => {
  it('prints the text report and writes SARIF, JUnit and JSON reports in the same run', async () => {
    const sarif = join(dir, 'audit.sarif');
    const junit = join(dir, 'audit.xml');
    const json = join(dir, 'audit.json');
    const out = await audit(WEAK, '--no-color', '--sarif', sarif, '--junit', junit, '--json', json);
    assert.match(out, /^Audit of .*insecure-3\.0\.yaml \(openapi-3\.0, "Weak Shop API" 1\.0\.0\)/);
    assert.match(out, /Score \d+\/100 \(security \d+, data validation \d+\)\n$/);
    assert.equal((JSON.parse(readFileSync(sarif, 'utf8')) as { version: string }).version, '2.1.0');
    assert.match(readFileSync(junit, 'utf8'), /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { findings: unknown[]; document: { files: number } };
    assert.ok(report.findings.length > 0);
    assert.equal(report.document.files, 2);
  });

  it('prints another format with --format, or writes it to --output', async () => {
    const parsed = JSON.parse(await audit(SOUND, '--format', 'json')) as { document: { dialect: string } };
    assert.equal(parsed.document.dialect, 'openapi-3.1');
    const output = join(dir, 'out.sarif');
    assert.equal(await audit(SOUND, '--format', 'sarif', '-o', output), '');
    assert.match(readFileSync(output, 'utf8'), /"version": "2\.1\.0"/);
  });

  it(`exits ${GATE_FAILED_EXIT_CODE} when a finding reaches --fail-on or the score is below --min-score, and says why`, async () => {
    const error = await failure([WEAK, '--fail-on', 'high']);
    assert.ok(error instanceof CommanderError);
    assert.equal(error.exitCode, GATE_FAILED_EXIT_CODE);
    const low = await failure([WEAK, '--min-score', '100']);
    assert.ok(low instanceof CommanderError && low.exitCode === GATE_FAILED_EXIT_CODE);
    await audit(WEAK, '--fail-on', 'none', '--min-score', '0');
  });

  it('reads the gate and check settings from --config; a bad key is named with its file', async () => {
    const config = file('audit.yaml', 'failOn: critical\nchecks:\n  authentication: off\n');
    const out = await audit(WEAK, '--no-color', '--config', config, '--fail-on', 'none');
    assert.ok(!/^ {2}\S+ +authentication\./m.test(out), 'no authentication finding');
    const bad = file('bad.yaml', 'checks:\n  authentication.nope: off\n');
    const error = await failure([WEAK, '--config', bad]);
    assert.ok(error instanceof BulwarkError);
    assert.match(error.message, /bad\.yaml: checks\.authentication\.nope: is not a check id or group name/);
    const typo = file('typo.yaml', 'failOn: severe\n');
    const invalid = await failure([WEAK, '--config', typo]);
    assert.ok(invalid instanceof BulwarkError && invalid.code === 'CONFIG_INVALID' && invalid.message.includes('typo.yaml'));
  });

  it('refuses bad options and unreadable documents with a message naming them', async () => {
    const format = await failure([SOUND, '--format', 'pdf']);
    assert.ok(format instanceof BulwarkError && format.code === 'CLI_ARGUMENT_INVALID' && format.message.includes('--format pdf'));
    const score = await failure([SOUND, '--min-score', '101']);
    assert.ok(score instanceof BulwarkError && score.message.includes('--min-score 101'));
    const missing = await failure([join(dir, 'missing.yaml')]);
    assert.ok(missing instanceof BulwarkError && missing.code === 'AUDIT_DOCUMENT_INVALID' && missing.message.includes('missing.yaml'));
    const broken = await failure([file('broken.yaml', 'openapi: 3.0.0\npaths: [\n')]);
    assert.ok(broken instanceof BulwarkError && /broken\.yaml:\d+:\d+: is not valid YAML or JSON/.test(broken.message));
  });

  it('lists the checks', async () => {
    const out = await audit('--list-checks');
    assert.match(out, /^check +severity +part +OWASP +title\n/);
    assert.match(out, /\n\d+ checks\. OWASP API Security Top 10 2023:\n {2}API1 {2}API1:2023 Broken Object Level Authorization/);
  });
});
