// A stand-in for one gateway process in sqlite-grant-store.test.ts: opens the grant store at argv[2],
// says "ready", then on a stdin line {"until": ms} claims expiries in a tight loop until that time,
// and prints the ids it claimed as a JSON array.
import { createInterface } from 'node:readline';
import { openSqliteGrantStore } from '../../src/store/sqlite/sqlite-grant-store.js';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: grant-claim-worker.ts <database>');
const store = openSqliteGrantStore({ path });
process.stdout.write('ready\n');

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const { until } = JSON.parse(line) as { until: number };
  const claimed: string[] = [];
  while (Date.now() < until) {
    for (const grant of await store.claimExpired(Date.now())) claimed.push(grant.id);
  }
  process.stdout.write(`${JSON.stringify(claimed)}\n`);
  break;
}
lines.close();
await store.close();
