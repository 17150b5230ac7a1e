// A redis-server of a test's or benchmark's own, on a free loopback port: the outage test kills and
// hangs it, and the benchmarks pin it to a CPU; the shared Redis at 6379 is never touched.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface OwnRedis {
  readonly url: string;
  readonly port: number;
  process(): ChildProcess;
  /** Starts it again on the same port (after stop). */
  restart(): Promise<void>;
  /** SIGKILL, then waits for the exit. */
  stop(): Promise<void>;
}

/** `cpu`: run it under `taskset -c <cpu>`. */
export async function startOwnRedis(options: { cpu?: number } = {}): Promise<OwnRedis> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const port = (probe.address() as AddressInfo).port;
  probe.close();
  let child = await launch(port, options.cpu);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    process: () => child,
    async restart() {
      child = await launch(port, options.cpu);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function launch(port: number, cpu: number | undefined): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = cpu === undefined ? spawn('redis-server', args, { stdio: 'ignore' }) : spawn('taskset', ['-c', String(cpu), 'redis-server', ...args], { stdio: 'ignore' });
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await answersPing(port)) return child;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port} (is it installed? apt-get install -y redis-server)`);
}

/** One PING over a plain socket: true on +PONG. */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (chunk: Buffer) => {
      socket.destroy();
      resolve(chunk.toString().startsWith('+PONG'));
    });
  });
}
