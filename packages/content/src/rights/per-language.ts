/**
 * Serving the rights content per language (`GET /v1/rights?lang=…`, static `rights.fr.json`…).
 *
 * The contract's `LocalizedText` requires `fr` (French is the reference text and every reader's
 * fallback), so one language's content keeps:
 * - `fr`: `{ fr }` — the English strings are dropped (`fr-falc`, French easy-read, is kept);
 * - `en`: `{ fr, en }` — French stays as the fallback, and so the schema still validates.
 * Item `easyRead` texts are filtered the same way. `locales` lists what the document now carries.
 */
import type { RightsContent } from '@proximite/contract';

/** A language the rights content can be served in. */
export type RightsLang = 'fr' | 'en';

const TEXT_KEYS = new Set(['fr', 'en', 'fr-falc']);

/** A `{ fr, en?, fr-falc? }` object: only those keys, and `fr` a string. */
function isLocalizedText(value: object): value is Record<string, string> {
  const keys = Object.keys(value);
  return (
    keys.length > 0 &&
    typeof (value as { fr?: unknown }).fr === 'string' &&
    keys.every((key) => TEXT_KEYS.has(key))
  );
}

function keepFor(lang: RightsLang): (key: string) => boolean {
  return lang === 'fr' ? (key) => key === 'fr' || key === 'fr-falc' : (key) => key === 'fr' || key === 'en';
}

function filter(value: unknown, keep: (key: string) => boolean): unknown {
  if (Array.isArray(value)) return value.map((entry) => filter(entry, keep));
  if (value === null || typeof value !== 'object') return value;
  if (isLocalizedText(value)) {
    return Object.fromEntries(Object.entries(value).filter(([key]) => keep(key)));
  }
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, filter(entry, keep)]));
}

/**
 * The content with only `lang`'s strings (plus French, the required fallback, for English).
 * Pure: returns a new object, works on content that includes a city's overrides.
 */
export function pickRightsLanguage(content: RightsContent, lang: RightsLang): RightsContent {
  const filtered = filter(content, keepFor(lang)) as RightsContent;
  return { ...filtered, locales: lang === 'fr' ? ['fr'] : ['fr', 'en'] };
}
