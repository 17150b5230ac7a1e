#!/usr/bin/env node
// Entry point of the `bulwark` command: runs the compiled CLI (built into dist/ by `npm install`).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
