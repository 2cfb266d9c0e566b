// The folders' contract: the browser bundle (client/) runs no code of server/ — it may name the answer types of
// the route declarations (`import type`, erased by the build) and nothing else — and shared/, the pure code both
// run (vocabularies, geometry, sectors, locators), imports neither side nor anything of Node. Imports (static,
// dynamic, re-exports) are read from TypeScript's own syntax tree, not with a regular expression.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|js|mjs)$/.test(name)) out.push(path);
  }
  return out;
}

interface Import {
  /** A path relative to the repository for a relative specifier, else the bare name. */
  target: string;
  /** Erased at build time: `import type`, or every named binding marked `type`. */
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Import[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const name = specifier.text;
    out.push({ target: name.startsWith('.') ? relative(root, resolve(dirname(file), name)) : name, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((element) => element.isTypeOnly)));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function violations(folder: string, refuse: (entry: Import) => boolean): string[] {
  return sourceFiles(join(root, folder)).flatMap((file) =>
    importsOf(file)
      .filter(refuse)
      .map(({ target, typeOnly }) => `${relative(root, file)} → ${target}${typeOnly ? ' (type)' : ''}`),
  );
}

describe('module boundaries', () => {
  it('client/ runs no code of server/ (type imports of the route declarations aside)', () => {
    const allowedType = (target: string) => target === 'server/app' || /^server\/(routes\/.+|auth\/[^/]+)\.routes$/.test(target);
    expect(violations('client', ({ target, typeOnly }) => target.startsWith('server/') && !(typeOnly && allowedType(target.replace(/\.(js|ts)$/, ''))))).toEqual([]);
  });

  it('shared/ imports neither server/ nor client/ nor Node', () => {
    expect(violations('shared', ({ target }) => /^(server|client)\//.test(target) || target.startsWith('node:') || target.startsWith('..'))).toEqual([]);
  });

  it('the check sees imports at all (a client file that imports shared/ is found)', () => {
    const seen = sourceFiles(join(root, 'client')).flatMap(importsOf).map(({ target }) => target);
    expect(seen.some((target) => target.startsWith('shared/domain/'))).toBe(true);
    expect(seen.some((target) => target.startsWith('shared/geo/'))).toBe(true);
  });
});
