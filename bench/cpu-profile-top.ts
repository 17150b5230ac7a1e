// Summarises a V8 .cpuprofile (node --cpu-prof; `BENCH_CPU_PROF=1 npm run bench` writes them to
// bench/results/profiles/): top functions by self time, by inclusive time, and self time by file /
// package. Usage: node --import tsx bench/cpu-profile-top.ts <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const [file, topArg] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: node --import tsx bench/cpu-profile-top.ts <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

// A gap far longer than the sampling interval is time the process was stopped (the benchmark
// SIGSTOPs targets it is not measuring), not time spent in whatever was sampled next.
const MAX_GAP_MICROS = 100_000;
let stoppedMicros = 0;
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  if (delta > MAX_GAP_MICROS) {
    stoppedMicros += delta;
    return;
  }
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
});

const META = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);
let total = 0;
let busy = 0;
const meta = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  total += micros;
  const name = byId.get(id)!.callFrame.functionName;
  if (META.has(name)) meta.set(name, (meta.get(name) ?? 0) + micros);
  if (name !== '(idle)') busy += micros;
}

function shortUrl(url: string): string {
  if (url === '') return '(native)';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('/node_modules/');
  if (nm !== -1) return clean.slice(nm + '/node_modules/'.length);
  const dist = clean.indexOf('/dist/');
  if (dist !== -1) return clean.slice(dist + 1);
  return clean;
}

function key(frame: CallFrame): string {
  return `${frame.functionName || '(anonymous)'}  ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
}

function area(frame: CallFrame): string {
  const url = shortUrl(frame.url);
  if (url.startsWith('node:')) return url;
  const pkg = /^(@[^/]+\/[^/]+|[^/]+)\//.exec(url);
  if (pkg && !url.startsWith('dist/') && !url.startsWith('/')) return pkg[1]!;
  return url;
}

const self = new Map<string, number>();
const byArea = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const frame = byId.get(id)!.callFrame;
  if (META.has(frame.functionName)) continue;
  self.set(key(frame), (self.get(key(frame)) ?? 0) + micros);
  byArea.set(area(frame), (byArea.get(area(frame)) ?? 0) + micros);
}

// Inclusive: a sample counts once for every distinct function on its stack.
const inclusive = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  if (META.has(byId.get(id)!.callFrame.functionName)) continue;
  const seen = new Set<string>();
  for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
    const frame = byId.get(current)!.callFrame;
    if (META.has(frame.functionName)) continue;
    const k = key(frame);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + micros);
  }
}

const pct = (micros: number): string => `${((100 * micros) / busy).toFixed(1).padStart(5)}%`;
const print = (title: string, map: Map<string, number>): void => {
  process.stdout.write(`\n${title}\n`);
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${pct(micros)}  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${name}\n`);
  }
};

process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (percentages are of busy time), ${(stoppedMicros / 1e6).toFixed(1)} s stopped\n`);
for (const [name, micros] of meta) process.stdout.write(`  ${name.padEnd(20)} ${(micros / 1000).toFixed(0)} ms${name === '(idle)' ? '' : ` (${pct(micros).trim()})`}\n`);
print('Self time by function', self);
print('Self time by file / package', byArea);
print('Inclusive time by function', inclusive);
