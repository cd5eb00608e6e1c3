import { fileURLToPath } from 'node:url';

/** The repository root: NodejsFunction's project root and where esbuild resolves packages from. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Each deployed function and its entry point (relative to the project root). */
export const FUNCTION_ENTRIES = {
  api: 'functions/handlers/api.ts',
  worker: 'functions/handlers/worker.ts',
} as const;
export type FunctionName = keyof typeof FUNCTION_ENTRIES;

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
  // The Node.js 22 Lambda runtime ships AWS SDK v3.
  external: ['@aws-sdk/*'],
  // grammY's Node build uses node-fetch, whose AbortSignal check breaks once bundled and minified
  // (grammY #770, #796); the web build uses the runtime's own fetch.
  alias: { grammy: 'grammy/web' },
  // Bundled CommonJS packages (twilio) call require(); an ESM bundle has none unless we make one.
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
} as const;
