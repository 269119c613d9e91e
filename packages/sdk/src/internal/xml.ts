/**
 * A small reader for data-only XML such as Open311 GeoReport v2 responses (elements and text; no
 * DTD, no mixed content), in browsers and Node alike (Node has no DOMParser). It maps a document to
 * the JSON form the specification derives from it (the "Spark convention"): an element listed in
 * `lists` becomes an array of its children (`<services><service>…` → `[{…}]`), any other element
 * with children an object, a text element its trimmed text, an empty element `null`. Attributes,
 * comments, processing instructions and namespace prefixes are ignored.
 *
 * Hand-written rather than a library: Open311 XML needs none of what an XML library weighs (a DOM,
 * namespaces, validation), and this stays under 1 KB in the Open311 adapter's chunk.
 */

interface Node {
  name: string;
  children: Node[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#')
      return String.fromCodePoint(
        entity[1] === 'x' || entity[1] === 'X'
          ? parseInt(entity.slice(2), 16)
          : parseInt(entity.slice(1), 10),
      );
    return ENTITIES[entity] ?? whole;
  });
}

/** The root element of an XML text; throws a `SyntaxError` when the text is not well formed. */
function parse(xml: string): Node {
  const root: Node = { name: '', children: [], text: '' };
  const stack: Node[] = [root];
  const token =
    /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([^\s/>]+)[^>]*?(\/?)>|([^<]+)/gi;
  for (let m = token.exec(xml); m !== null; m = token.exec(xml)) {
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[5] !== undefined) top.text += decode(m[5]);
    else if (m[3] !== undefined) {
      const name = m[3].replace(/^[^:]*:/, '');
      if (m[2] === '/') {
        if (top.name !== name || stack.length === 1) throw new SyntaxError(`unexpected </${name}>`);
        stack.pop();
      } else {
        const node: Node = { name, children: [], text: '' };
        top.children.push(node);
        if (m[4] !== '/') stack.push(node);
      }
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new SyntaxError('not one root element');
  return root.children[0]!;
}

function toValue(node: Node, lists: ReadonlySet<string>): unknown {
  if (lists.has(node.name)) return node.children.map((child) => toValue(child, lists));
  if (node.children.length === 0) {
    const text = node.text.trim();
    return text === '' ? null : text;
  }
  const out: Record<string, unknown> = {};
  for (const child of node.children) {
    const value = toValue(child, lists);
    const previous = out[child.name];
    // A repeated element (not declared a list): all its values.
    out[child.name] =
      previous === undefined
        ? value
        : Array.isArray(previous)
          ? [...(previous as unknown[]), value]
          : [previous, value];
  }
  return out;
}

/** `{ [root element name]: value }` of an XML text (see the module comment). */
export function readXml(xml: string, lists: ReadonlySet<string>): Record<string, unknown> {
  const root = parse(xml.replace(/^\uFEFF/, ''));
  return { [root.name]: toValue(root, lists) };
}
