import { execFile } from 'node:child_process';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import {
  BUNDLE_OPTIONS,
  bundlingFor,
  FUNCTION_ENTRIES,
  type FunctionName,
  PROJECT_ROOT,
} from '../infra/bundling.js';

export interface BuiltBundle {
  name: FunctionName;
  file: string;
  bytes: number;
}

/**
 * Bundles the functions exactly as NodejsFunction does (same options object) into `outdir`.
 */
export async function bundleFunctions(
  outdir: string,
  names: FunctionName[] = Object.keys(FUNCTION_ENTRIES) as FunctionName[],
): Promise<BuiltBundle[]> {
  await mkdir(outdir, { recursive: true });
  const { banner, mainFields, alias, ...rest } = BUNDLE_OPTIONS;
  return Promise.all(
    names.map(async (name) => {
      const file = join(outdir, `${name}.mjs`);
      await build({
        ...rest,
        absWorkingDir: PROJECT_ROOT,
        entryPoints: [join(PROJECT_ROOT, FUNCTION_ENTRIES[name])],
        bundle: true,
        outfile: file,
        banner: { js: banner },
        mainFields: [...mainFields],
        ...bundlingFor(name),
        alias: { ...alias },
        logLevel: 'silent',
      });
      return { name, file, bytes: (await stat(file)).size };
    }),
  );
}

const run = promisify(execFile);
const INVOKER = fileURLToPath(new URL('./invoke-bundle.mjs', import.meta.url));

export interface ChildRun<R> {
  /** Importing the bundle: module evaluation and the function's own init. */
  initMs: number;
  firstEventMs: number;
  /** initMs + firstEventMs: what a cold invocation adds on top of Node's start. */
  coldStartMs: number;
  /** CPU time (user + system) of the child over the same span. */
  coldStartCpuMs: number;
  results: R[];
  /** Wall and CPU time of each event, in order (the first includes the lazy loads of a cold start). */
  eventMs: number[];
  eventCpuMs: number[];
}

/**
 * Loads a bundle in a fresh Node process, as a new Lambda container would, with only `env` (nothing
 * inherited from this process), and answers `events` in order.
 */
export async function invokeInChild<R = unknown>(
  bundle: string,
  events: unknown[],
  env: Record<string, string>,
): Promise<ChildRun<R>> {
  const { stdout } = await run(
    process.execPath,
    ['--enable-source-maps', INVOKER, bundle, JSON.stringify(events)],
    { env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 16 * 1024 * 1024, timeout: 60_000 },
  );
  if (process.env.DEBUG_BUNDLES) process.stderr.write(stdout);
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as ChildRun<R>;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = join(PROJECT_ROOT, 'dist', 'bundles');
  for (const b of await bundleFunctions(out)) console.log(`${b.name}\t${b.bytes} bytes\t${b.file}`);
}
