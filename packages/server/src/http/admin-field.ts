/** `/v1/admin/cafes/{id}/concerns`: café mode, a concern an agent notes at a café. */
import { CafeConcernInput, IdempotencyKey } from '@proximite/contract';
import type { OperationId } from '@proximite/contract';
import type { Handler } from 'hono';
import { AppError } from '../errors.js';
import { noteCafeConcern } from '../services/field.js';
import { principalOf } from './auth.js';
import type { AppDeps } from './context.js';
import type { AppEnv } from './env.js';
import { baseUrl, pathId } from './shared.js';
import { parseJsonBody } from './validate.js';

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

export function fieldOperations(
  operation: (id: OperationId, handler: Handler<AppEnv>) => void,
  deps: AppDeps,
): void {
  operation('createCafeConcern', async (c) => {
    const cafeId = pathId(c, 'id');
    const keyHeader = c.req.header('Idempotency-Key');
    if (keyHeader === undefined)
      throw new AppError(
        'idempotencyKeyMissing',
        'Send an Idempotency-Key header (e.g. a UUID) and reuse it on every retry.',
      );
    const key = IdempotencyKey.safeParse(keyHeader);
    if (!key.success)
      throw new AppError('badRequest', 'The Idempotency-Key must be 8–255 visible ASCII characters.', {
        errors: [{ path: 'Idempotency-Key', message: 'invalid' }],
      });
    const { value: input } = await parseJsonBody(c, CafeConcernInput);
    const outcome = await noteCafeConcern(deps, {
      cafeId,
      key: key.data,
      input,
      actor: principalOf(c).actor,
      baseUrl: baseUrl(deps, c),
    });
    if (outcome === undefined) throw new AppError('notFound', 'No such café.');
    switch (outcome.kind) {
      case 'mismatch':
        throw new AppError('idempotencyMismatch', 'This Idempotency-Key was already used with another body.');
      case 'in-flight':
        throw new AppError(
          'idempotencyInProgress',
          `The first request with this key is still being processed; retry in ${outcome.retryAfter} s.`,
          { headers: { 'Retry-After': String(outcome.retryAfter) } },
        );
      case 'replay':
        return new Response(JSON.stringify(outcome.response.body), {
          status: 200,
          headers: { ...outcome.response.headers, ...JSON_HEADERS, 'Idempotent-Replayed': 'true' },
        });
      case 'done':
        return new Response(JSON.stringify(outcome.value.body), {
          status: 201,
          headers: { ...outcome.value.headers, ...JSON_HEADERS },
        });
    }
  });
}
