/** Kept for importers: the workflow lives in `workflow.ts`. */
export * from './workflow.js';
