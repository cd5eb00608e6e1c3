// Runs in a fresh Node process: imports one function bundle, answers the events given as a JSON
// array in argv[3], and prints one JSON line: { initMs, firstEventMs, coldStartMs, results }.
// Plain JavaScript so nothing but Node itself runs before the bundle (the cold start is the bundle's).
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [, , bundle, eventsJson] = process.argv;
const events = JSON.parse(eventsJson ?? '[]');
const context = {
  awsRequestId: 'local-invoke',
  functionName: 'bundle-test',
  getRemainingTimeInMillis: () => 30_000,
};

const start = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const initMs = performance.now() - start;
const results = [];
let firstEventMs = 0;
for (const [i, event] of events.entries()) {
  const before = performance.now();
  results.push(await handler(event, context));
  if (i === 0) firstEventMs = performance.now() - before;
}
const coldStartMs = initMs + firstEventMs;
process.stdout.write(`${JSON.stringify({ initMs, firstEventMs, coldStartMs, results })}\n`);
