// `bulwark passwords hash`: makes the scrypt hash of an HTTP Basic password for
// stages.identity.basic.users[].passwordHash. The password is read from stdin, never from the
// command line, where it would land in shell history and in the process list.
import { createInterface } from 'node:readline';
import { Writable, type Readable } from 'node:stream';
import type { Command } from 'commander';
import { BulwarkError } from '../../core/errors.js';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, MAX_LOG_N, MIN_LOG_N } from '../../identity/index.js';

interface HashOptions { cost: string }

/** The password input as the command sees it; a terminal gets a prompt without echo. */
export type PasswordInput = Readable & { isTTY?: boolean };

/** Where the command reads and prints: the process's stdin, stdout and stderr, or stand-ins in tests. */
export interface PasswordsIo {
  input(): PasswordInput;
  /** The result (stdout). */
  print(text: string): void;
  /** Prompts (stderr, so that stdout holds only the hash). */
  prompt(text: string): void;
}

const PROCESS_IO: PasswordsIo = {
  input: () => process.stdin,
  print: (text) => void process.stdout.write(text),
  prompt: (text) => void process.stderr.write(text),
};

const MAX_INPUT_BYTES = 4096;
// eslint-disable-next-line no-control-regex -- RFC 7617 §2: a password with control characters cannot be sent
const CONTROL = /[\u0000-\u001f\u007f]/;

const EXAMPLES = `
Examples:
  $ bulwark passwords hash                          asks twice, without echo
  $ printf '%s' "$PASSWORD" | bulwark passwords hash
  $ bulwark passwords hash < password.txt           one trailing newline is ignored

Paste the printed line into the config, quoted:
  stages:
    identity:
      basic:
        users:
          - { username: reports, passwordHash: '$scrypt$ln=15,r=8,p=3$...' }
`;

export function registerPasswordsCommand(program: Command, io: PasswordsIo = PROCESS_IO): void {
  const passwords = program.command('passwords').description('make password hashes for HTTP Basic users').addHelpText('after', EXAMPLES);
  passwords.command('hash')
    .description('read a password from stdin and print its scrypt hash for stages.identity.basic.users[].passwordHash')
    .option('--cost <log2N>', `scrypt cost as log2 of N (${MIN_LOG_N}-${MAX_LOG_N}); each step doubles time and memory`, String(DEFAULT_SCRYPT_PARAMS.logN))
    .action(async (options: HashOptions) => {
      const logN = Number(options.cost);
      if (!Number.isInteger(logN) || logN < MIN_LOG_N || logN > MAX_LOG_N) {
        throw new BulwarkError('CLI_ARGUMENT_INVALID', `--cost must be a whole number from ${MIN_LOG_N} to ${MAX_LOG_N}`);
      }
      const password = await readPassword(io.input(), (text) => io.prompt(text));
      io.print(`${await hashPassword(password, { ...DEFAULT_SCRYPT_PARAMS, logN })}\n`);
    });
}

/** The password from a terminal (asked twice, not echoed) or from piped input. */
export async function readPassword(input: PasswordInput, prompt: (text: string) => void = () => undefined): Promise<string> {
  const password = input.isTTY === true ? await askTwice(input, prompt) : await readPiped(input);
  if (password === '') throw new BulwarkError('CLI_ARGUMENT_INVALID', 'the password is empty');
  if (CONTROL.test(password)) throw new BulwarkError('CLI_ARGUMENT_INVALID', 'the password contains control characters, which HTTP Basic cannot carry (RFC 7617)');
  return password;
}

/** All of the input, without one trailing newline (what `echo` and editors add). */
async function readPiped(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk as Buffer;
    size += bytes.length;
    if (size > MAX_INPUT_BYTES) throw new BulwarkError('CLI_ARGUMENT_INVALID', `the input is longer than ${MAX_INPUT_BYTES} bytes; pipe in the password alone`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/**
 * Two lines from the terminal. readline handles line editing and echoes into a stream that drops
 * everything, so nothing typed shows; Ctrl-C cancels.
 */
async function askTwice(input: Readable, prompt: (text: string) => void): Promise<string> {
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const lines = createInterface({ input, output: silent, terminal: true });
  const cancelled = new Promise<never>((_resolve, reject) => {
    lines.once('SIGINT', () => reject(new BulwarkError('CLI_ARGUMENT_INVALID', 'cancelled')));
  });
  cancelled.catch(() => undefined); // only awaited while asking
  const pending = lines[Symbol.asyncIterator]();
  const ask = async (text: string): Promise<string> => {
    prompt(text);
    const line = await Promise.race([pending.next(), cancelled]);
    prompt('\n');
    if (line.done === true) throw new BulwarkError('CLI_ARGUMENT_INVALID', 'no password was entered');
    return String(line.value);
  };
  try {
    const first = await ask('Password: ');
    const second = await ask('Repeat password: ');
    if (first !== second) throw new BulwarkError('CLI_ARGUMENT_INVALID', 'the two passwords differ');
    return first;
  } finally {
    lines.close();
  }
}
