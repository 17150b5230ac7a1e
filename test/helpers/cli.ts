// Runs one `bulwark` command in-process for the tests beside each command: a program holding only
// that command, commander's own output and the command's stdout captured, errors thrown.
import { mock } from 'node:test';
import { Command } from 'commander';

/**
 * Captures what a command writes to `stream` (strings), and passes the test runner's own report
 * through (Node's runner sends it to the parent as serialized buffers): a command that awaits I/O (a
 * socket, a fetch) lets the runner report the previous test meanwhile, and capturing that would drop
 * the result from the run, a failure included.
 */
export function captureOutput(stream: NodeJS.WriteStream, into: string[]) {
  // Bound before the mock replaces it: calling stream.write afterwards would call the mock.
  const original: (chunk: string | Uint8Array) => boolean = stream.write.bind(stream);
  return mock.method(stream, 'write', (chunk: string | Uint8Array) => {
    if (typeof chunk !== 'string' || TEST_REPORT.test(chunk)) return original(chunk);
    return into.push(chunk) > 0;
  });
}

/** The runner's report when it is TAP text (`# Subtest:`, `ok 2 - name`). */
const TEST_REPORT = /^\s*(?:# Subtest: |(?:not )?ok \d+ - )/;

/** `bulwark <name> ...args` with the command `register` adds; returns what it printed. */
export async function runCommand(register: (program: Command) => void, name: string, args: readonly string[]): Promise<string> {
  const out: string[] = [];
  const program = new Command('bulwark').exitOverride().configureOutput({ writeOut: (s) => out.push(s), writeErr: () => undefined });
  register(program);
  const stdout = captureOutput(process.stdout, out);
  try {
    await program.parseAsync(['node', 'bulwark', name, ...args]);
  } finally {
    stdout.mock.restore();
  }
  return out.join('');
}
