// `bulwark serve` in a process of its own, as an operator runs it: for tests that need several
// gateway instances (shared rate limits) or a process boundary. Resolves once it is listening.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

const ENTRY = "import('./src/cli/main.ts').then(async (m) => { process.exitCode = await m.main(process.argv); })";

export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** What it printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

export async function startServeProcess(configFile: string, timeoutMs = 20_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', ENTRY, 'bulwark', 'serve', '-c', configFile, '--no-watch'], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = once(child, 'exit');
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bulwark serve did not start within ${timeoutMs} ms: ${output}`)), timeoutMs);
      const poll = setInterval(() => {
        const match = /gateway listening on (http:\/\/[\d.:]+)/.exec(output);
        if (match?.[1] || child.exitCode !== null) {
          clearInterval(poll);
          clearTimeout(timer);
          if (match?.[1]) resolve(match[1]);
          else reject(new Error(`bulwark serve exited with ${String(child.exitCode)}: ${output}`));
        }
      }, 50);
    });
    return {
      url,
      child,
      output: () => output,
      async stop() {
        if (child.exitCode === null) child.kill('SIGTERM');
        await exited;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
