import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { LocalizedText, SafeUrl, isSafeUrl, openEnum, page } from '../src/common.js';

describe('isSafeUrl / SafeUrl', () => {
  const good = [
    'https://www.amiens.fr/agenda',
    'https://visio.amiens.fr/r?id=1#x',
    'mailto:tranquillite@amiens.fr',
    'tel:+33322974040',
    'sms:114',
    'webcal://proximite.amiens.fr/v1/cafes.ics',
    'http://localhost:8787/v1/cafes/1',
    'http://127.0.0.1:8787/',
    'HTTPS://EXAMPLE.ORG/',
  ];
  const bad = [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'blob:https://example.org/uuid',
    'file:///etc/passwd',
    'http://example.org/',
    'http://localhost.evil.org/',
    'ftp://example.org/',
    '//evil.org/x',
    '/relative/path',
    'https://user:pass@example.org/',
    'https:///nohost',
    'https://exa mple.org/',
    '',
    `https://example.org/${'a'.repeat(2048)}`,
  ];
  it('accepts the allow-listed schemes', () => {
    for (const url of good) assert.equal(isSafeUrl(url), true, url);
    for (const url of good) assert.equal(SafeUrl.safeParse(url).success, true, url);
  });
  it('refuses everything else', () => {
    for (const url of bad) assert.equal(isSafeUrl(url), false, JSON.stringify(url));
    for (const url of bad) assert.equal(SafeUrl.safeParse(url).success, false, JSON.stringify(url));
    assert.equal(isSafeUrl(42), false);
    assert.equal(isSafeUrl(null), false);
  });
  it('never accepts a string whose parsed scheme is not allow-listed (property)', () => {
    const scheme = fc.constantFrom(
      'javascript',
      'JAVASCRIPT',
      'data',
      'vbscript',
      'file',
      'blob',
      'about',
      'jar',
      'intent',
    );
    const noise = fc.constantFrom('', ' ', '\t', '\n', '\u0000', '\u200b', '\ufeff');
    fc.assert(
      fc.property(noise, scheme, fc.string(), (n, s, rest) => {
        const candidate = `${n}${s}:${rest}`;
        assert.equal(isSafeUrl(candidate), false, candidate);
      }),
      { numRuns: 500 },
    );
  });
  it('whatever it accepts parses to an allow-listed protocol (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl({ validSchemes: ['https', 'http', 'ftp', 'javascript'] })),
        (s) => {
          if (isSafeUrl(s)) {
            const { protocol, hostname } = new URL(s);
            assert.ok(
              ['https:', 'mailto:', 'tel:', 'sms:', 'webcal:'].includes(protocol) ||
                (protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(hostname)),
              s,
            );
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
  it('accepts arbitrary https URLs (property)', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true }),
        (url) => {
          assert.equal(isSafeUrl(url), url.length <= 2048, url);
        },
      ),
    );
  });
});

describe('openEnum', () => {
  const Mode = openEnum(['in-person', 'online', 'hybrid']);
  it('accepts known and unknown strings, refuses non-strings', () => {
    assert.equal(Mode.parse('online'), 'online');
    assert.equal(Mode.parse('on-the-moon'), 'on-the-moon');
    assert.equal(Mode.safeParse(3).success, false);
    assert.equal(Mode.safeParse(null).success, false);
  });
  it('lists the known values in its JSON Schema', () => {
    const json = z.toJSONSchema(Mode) as { anyOf?: { enum?: string[] }[] };
    assert.deepEqual(json.anyOf?.[0]?.enum, ['in-person', 'online', 'hybrid']);
  });
});

describe('LocalizedText and page()', () => {
  it('requires fr and tolerates other locales', () => {
    assert.equal(LocalizedText.safeParse({ en: 'x' }).success, false);
    assert.deepEqual(LocalizedText.parse({ fr: 'a', de: 'b' }), { fr: 'a' });
  });
  it('page(schema) validates items and nextCursor', () => {
    const P = page(z.object({ id: z.string() }));
    assert.deepEqual(P.parse({ items: [{ id: '1' }], nextCursor: null }), {
      items: [{ id: '1' }],
      nextCursor: null,
    });
    assert.equal(P.safeParse({ items: [{ id: 1 }], nextCursor: null }).success, false);
    assert.equal(P.safeParse({ items: [] }).success, false);
  });
});
