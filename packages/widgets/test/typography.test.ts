/**
 * French typography in what residents read: the widgets' texts put a no-break space before « : »
 * and inside « », and a narrow no-break space before « ; ! ? » (Lexique des règles typographiques
 * en usage à l'Imprimerie nationale), so a line never starts with « : » or « » ». An ordinary space
 * there is a mistake this test names with its file and line.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Every file holding residents' texts: the messages tables, and the recourse guide's texts. */
function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return textFiles(path);
    return /\.messages\.ts$|^conduct-guide\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The literal text pieces of a source file (strings and template parts), with their line. */
function literals(file: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { line: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateLiteralToken(node)) &&
      !ts.isImportDeclaration(node.parent)
    )
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('French typography in the widgets’ texts', () => {
  const files = textFiles(src);

  it('finds the texts', () => {
    assert.ok(files.length >= 8, `only ${files.length} files`);
  });

  it('has no ordinary space before : ; ! ? » or after «', () => {
    const wrong = files.flatMap((file) =>
      literals(file)
        .filter(({ text }) => /\S [:»]|« |\S [;!?](?:\s|$)/.test(text))
        .map(({ line, text }) => `${relative(src, file)}:${line}: ${text.slice(0, 80)}`),
    );
    assert.deepEqual(wrong, []);
  });
});
