import type { LocalizedTextLike } from '@proximite/widgets/kit/localize.js';

/** The lists the filters and actions choose from: categories, districts and services, with their names. */
export interface Lookups {
  categories: {
    code: string;
    label: LocalizedTextLike;
    /** The category's extra questions (to label a concern's answers). */
    fields?: {
      code: string;
      label: LocalizedTextLike;
      values?: { key: string; name: LocalizedTextLike }[] | undefined;
    }[];
  }[];
  districts: { id: string; name: string }[];
  services: { id: string; name: LocalizedTextLike }[];
}

export const NO_LOOKUPS: Lookups = { categories: [], districts: [], services: [] };
