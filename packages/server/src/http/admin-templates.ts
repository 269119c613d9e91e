/** `/v1/admin/templates…` and `/v1/admin/concerns/{reference}/preview`: response templates and the preview. */
import { ConcernPreviewInput, ResponseTemplateInput, ResponseTemplateQuery } from '@proximite/contract';
import type { OperationId } from '@proximite/contract';
import type { Handler } from 'hono';
import { AppError } from '../errors.js';
import * as templates from '../services/templates.js';
import { listTemplates } from '../store/templates.js';
import { principalOf } from './auth.js';
import type { AppDeps } from './context.js';
import type { AppEnv } from './env.js';
import { jsonResponse, noContent, pathId, pathReference } from './shared.js';
import { parseJsonBody, parseQuery } from './validate.js';

export function templateOperations(
  operation: (id: OperationId, handler: Handler<AppEnv>) => void,
  deps: AppDeps,
): void {
  const { db } = deps;

  operation('listResponseTemplates', async (c) => {
    const q = parseQuery(c, ResponseTemplateQuery);
    return jsonResponse({ items: await listTemplates(db, q) });
  });

  operation('createResponseTemplate', async (c) => {
    const { value } = await parseJsonBody(c, ResponseTemplateInput);
    const saved = await templates.createTemplate(deps, deps.clock(), principalOf(c).actor, value);
    return jsonResponse(saved, 201, { Location: `/v1/admin/templates/${encodeURIComponent(saved.id)}` });
  });

  operation('updateResponseTemplate', async (c) => {
    const id = pathId(c, 'id');
    const { value } = await parseJsonBody(c, ResponseTemplateInput);
    const saved = await templates.updateTemplate(deps, deps.clock(), principalOf(c).actor, id, value);
    if (saved === undefined) throw new AppError('notFound', 'No such template.');
    return jsonResponse(saved);
  });

  operation('deleteResponseTemplate', async (c) => {
    if (!(await templates.removeTemplate(deps, deps.clock(), principalOf(c).actor, pathId(c, 'id'))))
      throw new AppError('notFound', 'No such template.');
    return noContent();
  });

  operation('previewConcernUpdate', async (c) => {
    const principal = principalOf(c);
    const ref = pathReference(c, 'No such concern.');
    const { value } = await parseJsonBody(c, ConcernPreviewInput);
    const preview = await templates.previewUpdate(db, deps.outbox, ref, value, principal);
    if (preview === undefined) throw new AppError('notFound', 'No such concern.');
    return jsonResponse(preview);
  });
}
