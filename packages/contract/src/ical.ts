/**
 * RFC 5545 text primitives shared by everything that writes the contract's iCalendar feeds
 * (`/v1/cafes.ics`, `/v1/cafes/{id}.ics`) or a single event: the reference server and the café
 * calendar (for static sources). Pure and isomorphic: no Buffer, no DOM.
 */

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma, newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character; the first
 * line holds 75 octets, continuation lines start with a space and hold 74 more.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (bytes + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** A UTC DATE-TIME value, `YYYYMMDDTHHMMSSZ`. */
export function utcStamp(date: Date | string): string {
  return new Date(date)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}
