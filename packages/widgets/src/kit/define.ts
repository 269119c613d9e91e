/**
 * Defines a custom element once. Defining the same tag again — the bundle loaded twice, or next to
 * another copy of Proximité — is harmless: the first definition wins and nothing throws.
 * @returns true when this call defined the tag.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): boolean {
  const registry = globalThis.customElements;
  if (!registry) return false;
  const existing = registry.get(tag);
  if (existing) {
    if (existing !== constructor) console.info(`proximite: <${tag}> already defined, keeping the first`);
    return false;
  }
  registry.define(tag, constructor);
  return true;
}
