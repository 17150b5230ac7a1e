// Runs one `bulwark` command in-process for the tests beside each command: a program holding only
// that command, commander's own output and the command's stdout captured, errors thrown.
import { mock } from 'node:test';
import { Command } from 'commander';

export function captureOutput(stream: NodeJS.WriteStream, into: string[]) {
  return mock.method(stream, 'write', (chunk: string | Uint8Array) => into.push(String(chunk)) > 0);
}

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
