import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { Command } from 'commander';
import { isBulwarkError } from '../../core/errors.js';
import { parsePasswordHash, verifyPassword } from '../../identity/index.js';
import { readPassword, registerPasswordsCommand } from './passwords.js';

const ENTRY = "import('./src/cli/main.ts').then(async (m) => { process.exitCode = await m.main(process.argv); })";
const hasCode = (code: string) => (error: unknown) => isBulwarkError(error) && error.code === code;

/**
 * `bulwark passwords ...args` with `stdin` as its input; returns what it printed. The output is
 * collected through the command's own seam rather than by mocking process.stdout: scrypt takes a
 * while, and under `node --test` the runner reports through stdout meanwhile.
 */
async function run(stdin: string, ...args: string[]): Promise<string> {
  const printed: string[] = [];
  const program = new Command('bulwark').exitOverride().configureOutput({ writeOut: (text) => printed.push(text), writeErr: () => undefined });
  registerPasswordsCommand(program, { input: () => Readable.from([Buffer.from(stdin)]), print: (text) => printed.push(text), prompt: () => undefined });
  await program.parseAsync(['node', 'bulwark', 'passwords', ...args]);
  return printed.join('');
}

async function assertHashOf(line: string, password: string): Promise<void> {
  const parsed = parsePasswordHash(line.trim());
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
  assert.equal(await verifyPassword(parsed.value, password), true);
  assert.equal(await verifyPassword(parsed.value, `${password}x`), false);
}

describe('bulwark passwords hash', () => {
  test('hashes the password from stdin (one trailing newline dropped) and prints only the hash line', async () => {
    const output = await run('correct horse battery staple\n', 'hash', '--cost', '14');
    assert.match(output, /^\$scrypt\$ln=14,r=8,p=3\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+\n$/);
    await assertHashOf(output, 'correct horse battery staple');
  });

  test('CRLF, inner spaces and a missing newline are handled as expected', async () => {
    await assertHashOf(await run('  pass word \r\n', 'hash', '--cost', '14'), '  pass word ');
    await assertHashOf(await run('no-newline', 'hash', '--cost', '14'), 'no-newline');
  });

  test('empty, multi-line, oversized input and a bad cost are refused', async () => {
    await assert.rejects(run('\n', 'hash', '--cost', '14'), hasCode('CLI_ARGUMENT_INVALID'));
    await assert.rejects(run('line one\nline two\n', 'hash', '--cost', '14'), hasCode('CLI_ARGUMENT_INVALID'), 'a control character cannot be sent in Basic');
    await assert.rejects(run('x'.repeat(5000), 'hash', '--cost', '14'), hasCode('CLI_ARGUMENT_INVALID'));
    await assert.rejects(run('pw', 'hash', '--cost', '10'), hasCode('CLI_ARGUMENT_INVALID'));
    await assert.rejects(run('pw', 'hash', '--cost', 'lots'), hasCode('CLI_ARGUMENT_INVALID'));
  });

  test('a password on the command line is refused, never hashed', async () => {
    await assert.rejects(run('', 'hash', 'hunter2'), (error: unknown) => (error as { code?: string }).code === 'commander.excessArguments');
  });

  test('readPassword reads piped input in chunks', async () => {
    assert.equal(await readPassword(Readable.from([Buffer.from('se'), Buffer.from('cret\n')])), 'secret');
  });

  test('on a terminal: asked twice, nothing echoed, the two must match, Ctrl-C cancels', async () => {
    const terminal = (typed: string) => Object.assign(Readable.from([Buffer.from(typed)]), { isTTY: true, setRawMode: () => undefined });
    const prompts: string[] = [];
    assert.equal(await readPassword(terminal('s3cret\rs3cret\r'), (text) => prompts.push(text)), 's3cret');
    assert.deepEqual(prompts, ['Password: ', '\n', 'Repeat password: ', '\n'], 'only the prompts are written, never the password');
    assert.equal(await readPassword(terminal('typo\x7f\x7f\x7f\x7fright\rright\r')), 'right', 'line editing works');
    await assert.rejects(readPassword(terminal('one\rtwo\r')), hasCode('CLI_ARGUMENT_INVALID'));
    await assert.rejects(readPassword(terminal('abc\x03')), hasCode('CLI_ARGUMENT_INVALID'));
    await assert.rejects(readPassword(terminal('only-once\r')), hasCode('CLI_ARGUMENT_INVALID'));
  });

  test('end to end: the real process reads its stdin', async () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', ENTRY, 'bulwark', 'passwords', 'hash', '--cost', '14'], {
      cwd: new URL('../../../', import.meta.url), input: 'from a pipe\n', encoding: 'utf8',
    });
    assert.equal(child.status, 0, child.stderr);
    await assertHashOf(child.stdout, 'from a pipe');
  });
});
