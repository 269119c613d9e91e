/** Response templates (SQL only): per category (or shared) and status, fr/en. */
import type { LocalizedText, ResponseTemplate, ResponseTemplateInput } from '@proximite/contract';
import type { Queryable } from '../db/database.js';
import { AppError, isUniqueViolation } from '../errors.js';
import { newId, toIso } from '../util.js';

interface Row {
  id: string;
  category_code: string | null;
  status: string;
  text: LocalizedText;
  updated_at: Date | string;
}

const view = (r: Row): ResponseTemplate => ({
  id: r.id,
  categoryCode: r.category_code,
  status: r.status,
  text: r.text,
  updatedAt: toIso(r.updated_at),
});

/** The templates, a category's own and the shared ones when `category` is given; by category then status. */
export async function listTemplates(
  db: Queryable,
  q: { category?: string | undefined; status?: string | undefined },
): Promise<ResponseTemplate[]> {
  const params: unknown[] = [];
  const where: string[] = ['TRUE'];
  if (q.category !== undefined) {
    params.push(q.category);
    where.push(`(category_code IS NULL OR category_code = $${params.length})`);
  }
  if (q.status !== undefined) {
    params.push(q.status);
    where.push(`status = $${params.length}`);
  }
  const rows = await db.query<Row>(
    `SELECT id, category_code, status, text, updated_at FROM response_templates WHERE ${where.join(' AND ')}
     ORDER BY category_code NULLS FIRST, status, id`,
    params,
  );
  return rows.map(view);
}

export async function getTemplate(db: Queryable, id: string): Promise<ResponseTemplate | undefined> {
  const rows = await db.query<Row>(
    'SELECT id, category_code, status, text, updated_at FROM response_templates WHERE id = $1',
    [id],
  );
  return rows[0] === undefined ? undefined : view(rows[0]);
}

/** The template a concern of `category` gets for `status`: its category's, else the shared one. */
export async function templateFor(
  db: Queryable,
  category: string,
  status: string,
): Promise<ResponseTemplate | undefined> {
  const rows = await db.query<Row>(
    `SELECT id, category_code, status, text, updated_at FROM response_templates
      WHERE status = $2 AND (category_code = $1 OR category_code IS NULL)
      ORDER BY category_code NULLS LAST LIMIT 1`,
    [category, status],
  );
  return rows[0] === undefined ? undefined : view(rows[0]);
}

const taken = () => new AppError('conflict', 'This category and status already have a template.');

/** Inserts (no `id`) or replaces a template; `undefined` when `id` is unknown. */
export async function saveTemplate(
  tx: Queryable,
  now: Date,
  input: ResponseTemplateInput,
  id?: string,
): Promise<ResponseTemplate | undefined> {
  try {
    await tx.query('SAVEPOINT template_save');
    const rows =
      id === undefined
        ? await tx.query<Row>(
            `INSERT INTO response_templates (id, category_code, status, text, updated_at)
             VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING id, category_code, status, text, updated_at`,
            [newId(), input.categoryCode, input.status, JSON.stringify(input.text), now.toISOString()],
          )
        : await tx.query<Row>(
            `UPDATE response_templates SET category_code = $2, status = $3, text = $4::jsonb, updated_at = $5
              WHERE id = $1 RETURNING id, category_code, status, text, updated_at`,
            [id, input.categoryCode, input.status, JSON.stringify(input.text), now.toISOString()],
          );
    await tx.query('RELEASE SAVEPOINT template_save');
    return rows[0] === undefined ? undefined : view(rows[0]);
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT template_save');
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

export async function deleteTemplate(tx: Queryable, id: string): Promise<boolean> {
  return (await tx.query('DELETE FROM response_templates WHERE id = $1 RETURNING id', [id])).length > 0;
}

/** A template's text for a concern: `{reference}` and `{service}` filled in (each language its own name). */
export function fillTemplate(text: LocalizedText, reference: string, service: LocalizedText): LocalizedText {
  const fill = (t: string, name: string) =>
    t.replaceAll('{reference}', reference).replaceAll('{service}', name);
  const out: LocalizedText = { fr: fill(text.fr, service.fr) };
  if (text.en !== undefined) out.en = fill(text.en, service.en ?? service.fr);
  return out;
}
