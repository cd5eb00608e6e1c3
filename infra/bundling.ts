import { fileURLToPath } from 'node:url';

/** The repository root: NodejsFunction's project root and where esbuild resolves packages from. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Each deployed function and its entry point (relative to the project root). */
export const FUNCTION_ENTRIES = {
  api: 'functions/app/lambda/api.ts',
  console: 'functions/app/lambda/console.ts',
  worker: 'functions/app/lambda/worker.ts',
  escalation: 'functions/app/lambda/escalation.ts',
  broadcast: 'functions/app/lambda/broadcast.ts',
  broadcastSchedule: 'functions/app/lambda/broadcast-schedule.ts',
} as const;
export type FunctionName = keyof typeof FUNCTION_ENTRIES;

export interface FunctionBundling {
  /**
   * Bundle the AWS SDK instead of loading the runtime's. Measured (bench:coldstart, CPU time of a
   * fresh process answering a first event): the API's cold start costs ≈170 ms with the SDK
   * tree-shaken into its bundle against ≈340 ms with @aws-sdk/* loaded from node_modules, so the
   * API, whose cold start is on the webhook's path and has a 250 ms budget, bundles it (976 kB,
   * under its 1 MB budget). The worker keeps the runtime's SDK: with it, its bundle stays under
   * its 1.5 MB budget (1.84 MB with the SDK inside).
   */
  bundleAwsSdk: boolean;
}

export const FUNCTION_BUNDLING: Record<FunctionName, FunctionBundling> = {
  api: { bundleAwsSdk: true },
  // Officers wait on its cold start, citizens never do: it keeps the runtime's SDK, like the worker.
  console: { bundleAwsSdk: false },
  worker: { bundleAwsSdk: false },
  // A scheduled job: no one waits on its cold start.
  escalation: { bundleAwsSdk: false },
  broadcast: { bundleAwsSdk: false },
  broadcastSchedule: { bundleAwsSdk: false },
};

/** The esbuild options that differ per function: the externals. */
export function bundlingFor(name: FunctionName): { external: string[] } {
  return { external: FUNCTION_BUNDLING[name].bundleAwsSdk ? [] : ['@aws-sdk/*'] };
}

/**
 * The bundles' `twilio`: the package's own client, authentication, retries and Messages resource
 * (all the functions send: replies, templates, broadcasts), without the ~3 MB of its 40 other REST
 * domains: 45 kB. Its `lib/webhooks/webhooks.js` is the package's own, so the webhook's signature
 * check resolves through the alias too (an esbuild alias also rewrites a package's subpaths).
 * Locally and in tests the full package runs.
 */
const TWILIO_SLIM = './functions/platform/aws/twilio-slim';

/**
 * axios (through twilio) and the openai client's multipart upload reach `mime-types`, whose
 * `mime-db` is a 133 kB table of every media type: the bundles only ever post JSON, forms and the
 * audio a voice note is transcribed from, so they carry those few types. Locally the full table.
 */
const MIME_DB_SLIM = './functions/platform/aws/mime-db-slim.json';

/**
 * The esbuild options every function is built with, in one place: NodejsFunction (infra) and the
 * bundle-run tests and cold-start bench (scripts/bundle.ts) both derive theirs from it, so what is
 * tested is what is deployed.
 */
export const BUNDLE_OPTIONS = {
  target: 'node22',
  format: 'esm',
  platform: 'node',
  minify: true,
  sourcemap: true,
  // Prefer the ESM build of dual packages: smaller, tree-shakable.
  mainFields: ['module', 'main'],
  // grammY's Node build uses node-fetch, whose AbortSignal check breaks once bundled and minified
  // (grammY #770, #796); the web build uses the runtime's own fetch. twilio: see TWILIO_SLIM.
  alias: { grammy: 'grammy/web', twilio: TWILIO_SLIM, 'mime-db': MIME_DB_SLIM },
  // Bundled CommonJS packages (twilio) call require(); an ESM bundle has none unless we make one.
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
} as const;
