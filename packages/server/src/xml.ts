/** A tiny XML writer for the Open311 XML format (the "Spark convention" mapping of the JSON). */

/** Text escaped for XML content and attribute values (characters XML 1.0 cannot carry are dropped). */
export function escapeXml(s: string): string {
  return (
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // Characters XML 1.0 cannot carry at all.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}

/** Element names for the items of arrays, by the array's element name (e.g. `services` → `service`). */
export type ItemNames = Record<string, string>;

function element(name: string, value: unknown, items: ItemNames, indent: string): string {
  if (value === undefined) return '';
  if (value === null) return `${indent}<${name}/>\n`;
  if (Array.isArray(value)) {
    const item = items[name] ?? 'item';
    const inner = value.map((v) => element(item, v, items, `${indent}  `)).join('');
    return `${indent}<${name}>\n${inner}${indent}</${name}>\n`;
  }
  if (typeof value === 'object') {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => element(k, v, items, `${indent}  `))
      .join('');
    return `${indent}<${name}>\n${inner}${indent}</${name}>\n`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>\n`;
}

/** `<?xml…?><root>…</root>`; arrays become a wrapper element holding one element per item. */
export function toXml(root: string, value: unknown, items: ItemNames): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, items, '')}`;
}
