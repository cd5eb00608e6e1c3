import { describe, expect, it } from 'vitest';
import { cycles, folderGraph } from '../scripts/folder-graph.js';

/**
 * The house rules of `functions/` (functions/README.md), read from the imports themselves, so a
 * change that breaks them fails here rather than in a later review.
 */
const graph = folderGraph(process.cwd());
const targetsOf = (node: string) => [...(graph.edges.get(node)?.keys() ?? [])];
const nodes = (prefix: string) => graph.nodes.filter((n) => n === prefix || n.startsWith(`${prefix}/`));
const importers = (pkg: RegExp) =>
  [...graph.packages].filter(([name]) => pkg.test(name)).flatMap(([, users]) => users);

describe('the folder graph of functions/', () => {
  it('has no cycle (each feature and each channel counted as its own node)', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('lets a channel depend on core only (the adapter list, channels/*.ts, on its channels too)', () => {
    for (const channel of nodes('channels')) {
      const allowed = (t: string) => t === 'core' || (channel === 'channels' && t.startsWith('channels/'));
      expect({ channel, imports: targetsOf(channel).filter((t) => !allowed(t)) }).toEqual({
        channel,
        imports: [],
      });
    }
  });

  it('keeps features off the channels: they ask the adapter list the composition root gives them', () => {
    for (const feature of nodes('features')) {
      expect({ feature, channels: targetsOf(feature).filter((t) => t.startsWith('channels')) }).toEqual({
        feature,
        channels: [],
      });
    }
  });

  it('keeps core and engine free of the AWS SDK and of everything above them', () => {
    const allowed: Record<string, string[]> = { core: [], engine: ['core'] };
    for (const [node, ok] of Object.entries(allowed)) {
      expect({ node, imports: targetsOf(node).filter((t) => !ok.includes(t)) }).toEqual({
        node,
        imports: [],
      });
    }
    const aws = importers(/^@aws-sdk\//).filter((u) => u.node === 'core' || u.node === 'engine');
    expect(aws).toEqual([]);
  });

  it('keeps the console shell and the platform free of features', () => {
    for (const node of ['console', 'store', 'platform']) {
      expect({ node, features: targetsOf(node).filter((t) => t.startsWith('features')) }).toEqual({
        node,
        features: [],
      });
    }
  });

  it('has one composition root: only app/ and local/ import from app/', () => {
    const users = graph.nodes.filter((n) => targetsOf(n).includes('app'));
    expect(users.filter((n) => n !== 'local')).toEqual([]);
  });
});
