import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * A <form> with no action falls back to the browser's default, a GET to the same page with
 * every field in the address (passwords in history and server logs: CWE-598). This walks every
 * form in app/ and components/, as the authorization matrix walks every route, and requires an
 * `action`: a server action (React posts it, before the JavaScript runs too) or a client function
 * (React gives the browser nothing to submit). Forms built on useActionForm get theirs from
 * ActionForm, the one place that spreads the hook's formProps.
 */
const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.tsx') ? [full] : [];
  });
}

interface FormTag {
  file: string;
  line: number;
  attributes: Map<string, string>;
  spreads: string[];
}

function formTags(file: string): FormTag[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: FormTag[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) &&
      node.tagName.getText(source) === 'form'
    ) {
      const attributes = new Map<string, string>();
      const spreads: string[] = [];
      for (const attribute of node.attributes.properties) {
        if (ts.isJsxAttribute(attribute)) {
          attributes.set(
            attribute.name.getText(source),
            attribute.initializer?.getText(source) ?? 'true',
          );
        } else {
          spreads.push(attribute.expression.getText(source));
        }
      }
      found.push({
        file: path.relative(root, file),
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        attributes,
        spreads,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const forms = ['app', 'components'].flatMap((dir) =>
  sourceFiles(path.join(root, dir)).flatMap(formTags),
);

describe('no form submits by GET', () => {
  it('finds the forms, including the shared ActionForm', () => {
    expect(forms.length).toBeGreaterThanOrEqual(5);
    expect(forms.map((form) => form.file)).toContain('components/forms/action-form.tsx');
  });

  it.each(forms.map((form) => [`${form.file}:${form.line}`, form] as const))(
    '%s has an action and no GET',
    (_, form) => {
      const method = form.attributes
        .get('method')
        ?.replace(/['"{}]/g, '')
        .toLowerCase();
      expect(method, 'a GET form puts its fields in the address').not.toBe('get');
      const viaActionForm =
        form.file === 'components/forms/action-form.tsx' && form.spreads.includes('form.formProps');
      expect(
        viaActionForm || form.attributes.has('action'),
        'a <form> without an action is sent by GET, with its fields in the address; use ActionForm',
      ).toBe(true);
    },
  );

  it('ActionForm gives the hook its action after any props passed in', () => {
    const text = readFileSync(path.join(root, 'components/forms/action-form.tsx'), 'utf8');
    expect(text).toMatch(/<form \{\.\.\.rest\} \{\.\.\.form\.formProps\}>/);
  });
});
