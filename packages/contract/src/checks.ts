/**
 * Checks of plain values, without schemas (so without zod): what a widget needs to decide what it
 * may show, kept apart from the schemas so that its bundle neither carries nor builds them.
 * `common.ts` re-exports them for every other user.
 */

/** True when `value` is one of `known` (narrows an open-enum value to its known members). */
export function isKnown<const Known extends string>(known: readonly Known[], value: string): value is Known {
  return (known as readonly string[]).includes(value);
}

/** Schemes a URL may use before it reaches an `href` (DESIGN.md: URLs from data pass an allow-list). */
export const SAFE_URL_SCHEMES = ['https:', 'mailto:', 'tel:', 'sms:', 'webcal:'] as const;
/** Hosts for which plain `http:` is tolerated (local development only; never a script vector). */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const;
/** Longest URL accepted anywhere in the contract. */
export const MAX_URL_LENGTH = 2048;
/** Maximum length of a concern description (as Open311). */
export const MAX_DESCRIPTION_LENGTH = 4000;

// Whitespace, C0/C1 controls and Unicode separators/bidi overrides: a browser strips or ignores
// some of them when it parses an href, which is how `java\tscript:` tricks work. Lone surrogates
// too (the `u` flag matches a well-formed pair as one code point): like NUL, they are not text
// (see UNSAFE_TEXT).
const UNSAFE_URL_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ud800-\udfff\ufeff]/u;

/**
 * Pure check that `s` may be used as an `href`: at most {@link MAX_URL_LENGTH} characters, no
 * whitespace or control characters, an absolute URL whose scheme is one of {@link SAFE_URL_SCHEMES};
 * `http:` only for loopback hosts (localhost, 127.0.0.1, [::1]) so a local reference server works.
 * Everything else — `javascript:`, `data:`, `vbscript:`, `blob:`, `file:`, relative URLs — is refused.
 */
export function isSafeUrl(s: unknown): s is string {
  if (typeof s !== 'string' || s.length === 0 || s.length > MAX_URL_LENGTH) return false;
  if (UNSAFE_URL_CHARS.test(s)) return false;
  // The scheme must be spelled out: no relative or protocol-relative URLs.
  const scheme = /^([a-z][a-z0-9+.-]*:)/i.exec(s)?.[1]?.toLowerCase();
  if (scheme === undefined) return false;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return false;
  }
  if (url.protocol !== scheme) return false;
  if (url.protocol === 'http:') {
    return (
      /^http:\/\/[^/\\]/i.test(s) &&
      (LOOPBACK_HOSTS as readonly string[]).includes(url.hostname) &&
      url.username === ''
    );
  }
  if (!(SAFE_URL_SCHEMES as readonly string[]).includes(url.protocol)) return false;
  // Hierarchical schemes must be written `scheme://host…` (the URL parser would repair `https:///x`).
  if ((url.protocol === 'https:' || url.protocol === 'webcal:') && !/^[a-z]+:\/\/[^/\\]/i.test(s))
    return false;
  if (url.username !== '' || url.password !== '') return false;
  return true;
}
