/**
 * The response templates' pure logic: their order in the list, the editor's form, its checks and
 * body, and the placeholders a template may hold. No DOM.
 */
import type { ResponseTemplate, ResponseTemplateInput } from '@proximite/contract';

/** What a template may say that is filled in for each concern. */
export const PLACEHOLDERS = ['{reference}', '{service}'] as const;

/** The statuses a template answers with (the public updates staff write). */
export const TEMPLATE_STATUSES = [
  'received',
  'in-progress',
  'action-scheduled',
  'referred',
  'resolved',
  'closed',
  'not-responsible',
  'duplicate',
] as const;

export interface TemplateForm {
  /** Empty: shared by every category. */
  categoryCode: string;
  status: string;
  fr: string;
  en: string;
}

export const EMPTY_TEMPLATE: TemplateForm = { categoryCode: '', status: 'in-progress', fr: '', en: '' };

export function formOf(t: ResponseTemplate): TemplateForm {
  return { categoryCode: t.categoryCode ?? '', status: t.status, fr: t.text.fr ?? '', en: t.text.en ?? '' };
}

/** Shared templates first, then by category, then in the order of the statuses. */
export function sortTemplates(list: readonly ResponseTemplate[]): ResponseTemplate[] {
  const rank = (s: string) => {
    const i = (TEMPLATE_STATUSES as readonly string[]).indexOf(s);
    return i === -1 ? TEMPLATE_STATUSES.length : i;
  };
  return [...list].sort(
    (a, b) => (a.categoryCode ?? '').localeCompare(b.categoryCode ?? '') || rank(a.status) - rank(b.status),
  );
}

/** What is wrong, by field id (`text-fr`, `text-en`). */
export function checkTemplate(f: TemplateForm): Record<string, 'required' | 'long'> {
  const e: Record<string, 'required' | 'long'> = {};
  if (!f.fr.trim()) e['text-fr'] = 'required';
  else if (f.fr.length > 2000) e['text-fr'] = 'long';
  if (f.en.length > 2000) e['text-en'] = 'long';
  return e;
}

export function inputOf(f: TemplateForm): ResponseTemplateInput {
  return {
    categoryCode: f.categoryCode || null,
    status: f.status as ResponseTemplateInput['status'],
    text: { fr: f.fr.trim(), ...(f.en.trim() ? { en: f.en.trim() } : {}) },
  };
}

/** The list with `saved` in place (or added), sorted. */
export function upsert(list: readonly ResponseTemplate[], saved: ResponseTemplate): ResponseTemplate[] {
  return sortTemplates([...list.filter((t) => t.id !== saved.id), saved]);
}

/** The placeholders a text uses that are not known (a typo would reach residents as written). */
export function unknownPlaceholders(text: string): string[] {
  return [...new Set(text.match(/\{[^{}\s]{1,40}\}/g) ?? [])].filter(
    (p) => !(PLACEHOLDERS as readonly string[]).includes(p),
  );
}
