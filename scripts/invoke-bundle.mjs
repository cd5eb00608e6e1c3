// Runs in a fresh Node process: imports one function bundle, answers the events given as a JSON
// array in argv[3], and prints one JSON line: { initMs, firstEventMs, coldStartMs, results,
// eventMs, eventCpuMs } (the last two: wall and CPU time of each event, in order).
// Plain JavaScript so nothing but Node itself runs before the bundle (the cold start is the bundle's).
import { existsSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [, , bundle, eventsJson] = process.argv;
const events = JSON.parse(eventsJson ?? '[]');
const context = {
  awsRequestId: 'local-invoke',
  functionName: 'bundle-test',
  getRemainingTimeInMillis: () => 30_000,
};

const cpuStart = process.cpuUsage();
const start = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const initMs = performance.now() - start;
const results = [];
let firstEventMs = 0;
let coldStartCpuMs = 0;
const eventMs = [];
const eventCpuMs = [];
for (const [i, event] of events.entries()) {
  // A test's pause between two invocations of the same container: tell the test, wait for its go.
  if (event?.__pause) {
    writeFileSync(event.__pause.signal, 'paused');
    const until = Date.now() + (event.__pause.timeoutMs ?? 30_000);
    while (!existsSync(event.__pause.resume) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
    }
    results.push({ paused: true });
    continue;
  }
  const before = performance.now();
  const cpuBefore = process.cpuUsage();
  results.push(await handler(event, context));
  const cpuEvent = process.cpuUsage(cpuBefore);
  eventMs.push(performance.now() - before);
  eventCpuMs.push((cpuEvent.user + cpuEvent.system) / 1000);
  if (i === 0) {
    firstEventMs = performance.now() - before;
    // CPU time of the whole process over the same span: on a shared, loaded machine it is closer
    // than wall time to what an idle machine would show.
    const cpu = process.cpuUsage(cpuStart);
    coldStartCpuMs = (cpu.user + cpu.system) / 1000;
  }
}
const coldStartMs = initMs + firstEventMs;
process.stdout.write(
  `${JSON.stringify({ initMs, firstEventMs, coldStartMs, coldStartCpuMs, results, eventMs, eventCpuMs })}\n`,
);
