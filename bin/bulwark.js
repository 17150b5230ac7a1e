#!/usr/bin/env node
// Entry point of the `bulwark` command: runs the compiled CLI (built into dist/ by `npm install`).
import { main } from '../dist/cli/main.js';

// `bulwark events | head`: the reader went away, which is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv);
