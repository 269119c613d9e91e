import { createCoreClient } from '@proximite/sdk/client.js';
import type { AdminClient } from '@proximite/sdk/admin.js';
import type { Lookups } from '../shared/lookups.js';

/**
 * (A lazy chunk of its own: the public client it uses for categories and districts is loaded the
 * first time a section asks for the lists.)
 *
 * Loads the lists sections choose from, once per console: categories and districts from the
 * public API (when the console knows its base URL), services from the admin API. A list that
 * cannot be had stays empty (its filter is then not offered); nothing here fails the console.
 */
export function loadLookups(client: AdminClient, baseUrl: string | undefined): Promise<Lookups> {
  const pub = baseUrl ? createCoreClient({ baseUrl }) : undefined;
  return Promise.all([
    pub ? pub.concerns.categories().catch(() => []) : Promise.resolve([]),
    pub ? pub.districts.list().catch(() => []) : Promise.resolve([]),
    client.services.list().catch(() => []),
  ]).then(([categories, districts, services]) => ({
    categories: categories.map((c) => ({
      code: c.code,
      label: c.label,
      fields: c.fields.map((f) => ({ code: f.code, label: f.label, values: f.values })),
    })),
    districts: districts.map((d) => ({ id: d.id, name: d.name })),
    services: services.map((s) => ({ id: s.id, name: s.name })),
  }));
}
