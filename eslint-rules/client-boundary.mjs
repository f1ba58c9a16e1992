import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import noLiteralText from './no-literal-text.mjs';

/**
 * A 'use client' file is shipped to the browser, and so is everything it imports. It must not
 * reach db/ (table definitions and the connection) or a module marked `import 'server-only'`,
 * directly or through another module. Type-only imports are erased at build time and allowed.
 * Next.js catches a server-only import only at build time and names the marker, not the path;
 * this rule fails in the editor and prints the chain.
 */
const root = path.resolve(import.meta.dirname, '..');
const extensions = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

function resolveSpecifier(fromFile, specifier) {
  let base;
  if (specifier.startsWith('@/')) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  if (/\.(tsx?|mjs|js)$/.test(base) && existsSync(base)) return base;
  for (const extension of extensions) {
    if (existsSync(base + extension)) return base + extension;
  }
  return null;
}

// `import type …`, `import { type A, type B } …` and `export type …` carry no code.
function isTypeOnly(clause) {
  const trimmed = clause.trim();
  if (/^type\s/.test(trimmed)) return true;
  const braces = /^\{([\s\S]*)\}$/.exec(trimmed);
  if (!braces) return false;
  const names = braces[1]
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((name) => name.startsWith('type '));
}

const statement =
  /(?:^|\n)\s*(?:import|export)\s+([^'";]*?)\s*from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function valueImports(file) {
  const source = readFileSync(file, 'utf8');
  // A client may import a 'use server' file: the bundler swaps each export for a reference
  // that calls the server, and none of the file's own imports reach the browser.
  if (/^\s*(\/\/[^\n]*\n\s*)*['"]use server['"]/.test(source)) return [];
  const found = [];
  for (const match of source.matchAll(statement)) {
    if (match[3]) found.push(match[3]);
    else if (!isTypeOnly(match[1])) found.push(match[2]);
  }
  // `await import('…')` loads a module into the browser as surely as a static import does.
  for (const match of source.matchAll(dynamicImport)) found.push(match[1]);
  return found;
}

const dynamicImport = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

const forbiddenCache = new Map();

/** The chain of files from `file` to db/ or 'server-only', or null when there is none. */
function forbiddenChain(file, visiting = new Set()) {
  if (forbiddenCache.has(file)) return forbiddenCache.get(file);
  if (visiting.has(file)) return null;
  visiting.add(file);
  let chain = null;
  for (const specifier of valueImports(file)) {
    if (specifier === 'server-only') {
      chain = ["'server-only'"];
      break;
    }
    const target = resolveSpecifier(file, specifier);
    if (!target) continue;
    const relative = path.relative(root, target);
    if (relative.startsWith(`db${path.sep}`)) {
      chain = [relative];
      break;
    }
    const further = forbiddenChain(target, visiting);
    if (further) {
      chain = [relative, ...further];
      break;
    }
  }
  visiting.delete(file);
  forbiddenCache.set(file, chain);
  return chain;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: "A 'use client' file never imports db/ or a server-only module." },
    schema: [],
  },
  create(context) {
    const body = context.sourceCode.ast.body;
    const isClient = body.some(
      (node) => node.type === 'ExpressionStatement' && node.directive === 'use client',
    );
    if (!isClient) return {};
    // The linter may hold an edited file that the cache read before the edit.
    forbiddenCache.clear();
    const check = (node) => {
      if (!node.source || node.importKind === 'type' || node.exportKind === 'type') return;
      if (node.type === 'ImportExpression' && node.source.type !== 'Literal') return;
      if (
        node.specifiers?.length &&
        node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type')
      ) {
        return;
      }
      const specifier = node.source.value;
      if (specifier === 'server-only') {
        context.report({ node, message: "A client file cannot import 'server-only'." });
        return;
      }
      const target = resolveSpecifier(context.filename, specifier);
      if (!target) return;
      const relative = path.relative(root, target);
      if (valueImports(target).length === 0 && !relative.startsWith(`db${path.sep}`)) return;
      const chain = relative.startsWith(`db${path.sep}`)
        ? [relative]
        : [relative, ...(forbiddenChain(target) ?? [])];
      if (chain.length === 1 && !relative.startsWith(`db${path.sep}`)) return;
      context.report({
        node,
        message: `A client file reaches server code: ${chain.join(' → ')}. Move what the browser needs into a client-safe module (a vocabulary or schemas file), or import it as a type.`,
      });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

const plugin = { rules: { 'client-boundary': rule, 'no-literal-text': noLiteralText } };
export default plugin;
