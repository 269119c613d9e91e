import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The languages the widgets ship tables for. French first: it is the default. */
export const supportedLanguages = ['fr', 'en'] as const;
export type Lang = (typeof supportedLanguages)[number];
export const defaultLang: Lang = 'fr';

/** A message is a string or a function of typed parameters. */
export type Message = string | ((...args: never[]) => string);
export type MessageTable = Record<string, Message>;

/** A translation table for every supported language, each with exactly the keys of the French one. */
export type Translations<T extends MessageTable> = { fr: T } & {
  [L in Exclude<Lang, 'fr'>]: { [K in keyof T]: T[K] };
};

/** Declares a widget's typed tables; TypeScript rejects an English table missing a French key. */
export function defineMessages<T extends MessageTable>(tables: Translations<T>): Translations<T> {
  return tables;
}

/** Maps any BCP 47 tag to a supported language (`en-GB` → `en`, `de` → `fr`). */
export function normalizeLang(tag: string | null | undefined): Lang | undefined {
  if (!tag) return undefined;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (supportedLanguages as readonly string[]).includes(base ?? '') ? (base as Lang) : undefined;
}

/**
 * The nearest `lang` attribute: the element's own, else its ancestors' (crossing shadow roots),
 * else `<html lang>`. Returns the raw tag, or undefined when none is set.
 */
export function findLangTag(element: Element): string | undefined {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? undefined;
    const parent: Node | null = node.parentNode;
    node = parent instanceof ShadowRoot ? parent.host : parent;
  }
  return undefined;
}

/** The language a widget shows: the nearest `lang` up the tree if supported, else French. */
export function resolveLang(element: Element): Lang {
  return normalizeLang(findLangTag(element)) ?? defaultLang;
}

/** A `{ fr, en? }` text as the contract defines it. */
export interface LocalizedTextLike {
  fr: string;
  en?: string | undefined;
  [key: string]: string | undefined;
}

type Params<M> = M extends (...args: infer A) => string ? A : [];

const formats = new Map<string, unknown>();
/**
 * Intl formatters are costly to build (far more than to use): one per kind, locale and options,
 * shared by every widget. `key` names all three.
 */
export function cached<F>(key: string, make: () => F): F {
  if (!formats.has(key)) formats.set(key, make());
  return formats.get(key) as F;
}

/** The shared `Intl.DateTimeFormat` of `locale` and `options`. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(`d${locale}${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

/**
 * A thin localization controller, one per element (no app-wide singleton: a library must not
 * impose one on its host page). It resolves the language from the element's `lang`, else the
 * nearest ancestor's, else `<html lang>`, else French; re-renders the host when any of those
 * change; and formats dates, numbers and plurals through `Intl`.
 */
export class LocalizeController<T extends MessageTable> implements ReactiveController {
  private observer?: MutationObserver;
  private current: Lang = defaultLang;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly tables: Translations<T>,
  ) {
    host.addController(this);
  }

  /** The language in use: `fr` or `en`. */
  get lang(): Lang {
    return this.current;
  }

  /** The BCP 47 locale for Intl (`fr-FR`, `en-GB`). */
  get locale(): string {
    return this.current === 'fr' ? 'fr-FR' : 'en-GB';
  }

  hostConnected(): void {
    this.current = resolveLang(this.host);
    // Any lang change on the element or above it (html included) can change the resolved language.
    this.observer = new MutationObserver(() => this.refresh());
    this.observer.observe(this.host.ownerDocument.documentElement, {
      attributes: true,
      attributeFilter: ['lang'],
      subtree: true,
    });
    let node: Node | null = this.host.getRootNode();
    while (node instanceof ShadowRoot) {
      this.observer.observe(node, { attributes: true, attributeFilter: ['lang'], subtree: true });
      node = node.host.getRootNode();
    }
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** Re-resolves the language and re-renders the host when it changed. */
  refresh(): void {
    const next = resolveLang(this.host);
    if (next !== this.current) {
      this.current = next;
      this.host.requestUpdate();
    }
  }

  /** A message of the current language's table. */
  t<K extends keyof T & string>(key: K, ...params: Params<T[K]>): string {
    const table = this.tables[this.current] as T;
    const message = table[key] ?? (this.tables.fr[key] as Message);
    return typeof message === 'function' ? (message as (...a: unknown[]) => string)(...params) : message;
  }

  /** The text of a `{ fr, en }` value in the current language, falling back to French. */
  pick(text: LocalizedTextLike | undefined | null, variant?: string): string {
    if (!text) return '';
    if (variant) {
      const specific = text[`${this.current}-${variant}`] ?? text[variant];
      if (specific) return specific;
    }
    return text[this.current] ?? text.fr;
  }

  date(value: Date | string | number, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }): string {
    return dateFormat(this.locale, options).format(typeof value === 'string' ? new Date(value) : value);
  }

  number(value: number, options: Intl.NumberFormatOptions = {}): string {
    const format = cached(
      `n${this.locale}${JSON.stringify(options)}`,
      () => new Intl.NumberFormat(this.locale, options),
    );
    return format.format(value);
  }

  /** The plural category of a count (`one`, `other`…), to pick a message. */
  plural(count: number): Intl.LDMLPluralRule {
    return cached(`p${this.locale}`, () => new Intl.PluralRules(this.locale)).select(count);
  }
}
