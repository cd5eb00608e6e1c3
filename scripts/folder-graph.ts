import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

/**
 * The folders of `functions/` as a graph: one node per top-level folder, except that each
 * feature (`features/<name>`) and each channel (`channels/<name>`) is a node of its own. Tests are
 * left out: they may reach across to set things up. `npm run arch` prints it; the architecture
 * test asserts its rules.
 */
export interface FolderGraph {
  nodes: string[];
  /** from → to → the importing files (repo-relative), for a readable failure. */
  edges: Map<string, Map<string, string[]>>;
  /** Source files importing each bare package (`@aws-sdk/...`, `grammy`...). */
  packages: Map<string, { node: string; file: string }[]>;
}

const SOURCE = /\.(ts|tsx)$/;
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (SOURCE.test(name) && !/\.test\.tsx?$/.test(name) && !path.includes('/fixtures/')) out.push(path);
  }
  return out;
}

export function nodeOf(file: string): string | undefined {
  const parts = file.split('/');
  if (parts[0] !== 'functions' || parts.length < 3) return undefined;
  if ((parts[1] === 'features' || parts[1] === 'channels') && parts.length > 3)
    return `${parts[1]}/${parts[2]}`;
  return parts[1];
}

export function folderGraph(root: string): FolderGraph {
  const edges = new Map<string, Map<string, string[]>>();
  const packages = new Map<string, { node: string; file: string }[]>();
  const nodes = new Set<string>();
  for (const path of walk(join(root, 'functions'))) {
    const file = relative(root, path).split('\\').join('/');
    const from = nodeOf(file);
    if (!from) continue;
    nodes.add(from);
    const source = readFileSync(path, 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? match[3];
      if (!spec) continue;
      if (!spec.startsWith('.')) {
        const list = packages.get(spec) ?? [];
        list.push({ node: from, file });
        packages.set(spec, list);
        continue;
      }
      const target = posix.normalize(posix.join(dirname(file), spec));
      const to = nodeOf(target);
      if (!to || to === from) continue;
      const byTarget = edges.get(from) ?? new Map<string, string[]>();
      byTarget.set(to, [...(byTarget.get(to) ?? []), file]);
      edges.set(from, byTarget);
    }
  }
  return { nodes: [...nodes].sort(), edges, packages };
}

/** Every cycle's nodes (strongly connected components of more than one node). */
export function cycles(graph: FolderGraph): string[][] {
  let index = 0;
  const stack: string[] = [];
  const meta = new Map<string, { index: number; low: number; onStack: boolean }>();
  const found: string[][] = [];
  const visit = (v: string) => {
    meta.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of graph.edges.get(v)?.keys() ?? []) {
      const mw = meta.get(w);
      if (!mw) {
        visit(w);
        meta.get(v)!.low = Math.min(meta.get(v)!.low, meta.get(w)!.low);
      } else if (mw.onStack) meta.get(v)!.low = Math.min(meta.get(v)!.low, mw.index);
    }
    const mv = meta.get(v)!;
    if (mv.low === mv.index) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        meta.get(w)!.onStack = false;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.nodes) if (!meta.has(node)) visit(node);
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const graph = folderGraph(process.cwd());
  for (const [from, targets] of [...graph.edges].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${from} → ${[...targets.keys()].sort().join(', ')}`);
  }
  const found = cycles(graph);
  console.log(found.length ? `cycles: ${found.map((c) => c.join(' ↔ ')).join('; ')}` : 'no cycle');
}
