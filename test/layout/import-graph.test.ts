import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The house rules of docs/design.md that an import can break, read from the source itself:
 * no import cycles (of values, of types, or through `import()`), nothing in `src/` reaches
 * outside it (there is no `jobs/` any more), `src/model/` depends on nothing, and the stages
 * that only read the domain's shapes take them from `src/model/`, not from the extractor.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

type Edge = { to: string; kind: 'value' | 'type' | 'dynamic' };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(name) ? [path] : [];
  });
}

/** Every relative import of `file`, resolved to a path (extension-less specifiers tried as .ts and index.ts). */
function importsOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const tree = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edges: Edge[] = [];
  const add = (specifier: string, kind: Edge['kind']) => {
    if (!specifier.startsWith('.')) return;
    const base = resolve(dirname(file), specifier);
    const to = [base, `${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile()) ?? base;
    edges.push({ to, kind });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(node) ? node.importClause?.isTypeOnly === true : node.isTypeOnly;
      add(node.moduleSpecifier.text, typeOnly ? 'type' : 'value');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) add(arg.text, 'dynamic');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, 'type');
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return edges;
}

/** The strongly connected components of more than one file (or a file importing itself): Tarjan's algorithm. */
function cyclesOf(graph: Map<string, Edge[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const { to } of graph.get(v) ?? []) {
      if (!graph.has(to)) continue;
      if (!index.has(to)) {
        connect(to);
        low.set(v, Math.min(low.get(v)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(v, Math.min(low.get(v)!, index.get(to)!));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).some((e) => e.to === v)) cycles.push(component.map((p) => relative(ROOT, p)).sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return cycles;
}

/**
 * `bin.js` is the launcher, not a stage: it loads the compiled build (`dist/`) or the sources
 * through tsx, by path, and nothing imports it.
 */
const LAUNCHER = join(SRC, 'cli', 'bin.js');
const graph = new Map(sourceFiles(SRC).filter((file) => file !== LAUNCHER).map((file) => [file, importsOf(file)]));
const edges = [...graph].flatMap(([from, out]) => out.map((e) => ({ from: relative(ROOT, from), to: relative(ROOT, e.to), kind: e.kind })));

describe('the import graph of src/', () => {
  it('is read: hundreds of files and their imports, each resolved to a file that exists', () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(edges.length).toBeGreaterThan(graph.size);
    expect(edges.filter((e) => !existsSync(join(ROOT, e.to)))).toEqual([]);
  });

  it('has no cycle, counting type-only imports and import() too', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself is honest)', () => {
    const a = join(SRC, 'a.ts');
    const b = join(SRC, 'b.ts');
    expect(cyclesOf(new Map([[a, [{ to: b, kind: 'type' as const }]], [b, [{ to: a, kind: 'dynamic' as const }]]]))).toEqual([['src/a.ts', 'src/b.ts']]);
  });

  it('never leaves src/ (no jobs/ folder to reach into)', () => {
    expect(existsSync(join(ROOT, 'jobs'))).toBe(false);
    expect(edges.filter((e) => !e.to.startsWith('src/'))).toEqual([]);
  });

  it('keeps src/model/ free of every other stage', () => {
    expect(edges.filter((e) => e.from.startsWith('src/model/') && !e.to.startsWith('src/model/'))).toEqual([]);
  });

  it('gives store, report, web, describe and diff the domain shapes from src/model/, not from the extractor', () => {
    const readers = /^src\/(store|report|web|describe|diff|model)\//;
    expect(edges.filter((e) => readers.test(e.from) && e.to.startsWith('src/extract/'))).toEqual([]);
  });
});
