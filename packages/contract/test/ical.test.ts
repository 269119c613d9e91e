import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeText, foldLine, utcStamp } from '@proximite/contract';

describe('iCalendar text primitives (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and newlines in TEXT values', () => {
    assert.equal(escapeText('a;b,c\\d\r\ne\nf'), 'a\\;b\\,c\\\\d\\ne\\nf');
  });

  it('folds at 75 octets, then 74 after the leading space, never inside a UTF-8 character', () => {
    assert.equal(foldLine('SUMMARY:court'), 'SUMMARY:court');
    const line = `SUMMARY:${'é'.repeat(80)}`; // é is 2 octets
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    assert.ok(parts.length > 1);
    parts.forEach((part, i) => {
      const octets = new TextEncoder().encode(part).length;
      assert.ok(octets <= 75, `line ${i} has ${octets} octets`);
      if (i > 0) assert.ok(part.startsWith(' '));
    });
    assert.equal(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join(''), line);
  });

  it('writes UTC DATE-TIME values', () => {
    assert.equal(utcStamp('2026-11-25T17:30:00+01:00'), '20261125T163000Z');
    assert.equal(utcStamp(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678))), '20260102T030405Z');
  });
});
