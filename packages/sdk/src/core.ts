/**
 * `@proximite/sdk/core.js` — the SDK core: a client of cafés, districts and concerns (and one of
 * cafés and districts only, for calendars), the errors and the outbox (what the calendar and the concern form need; budget 10 KB brotli). `@proximite/sdk`
 * re-exports all of it and adds the full client (priorities, rights, stats).
 */
export { CafesClient, CoreClient, createCafesClient, createCoreClient } from './client.js';
export type {
  CafesApi,
  ClientOptions,
  ConcernsApi,
  DistrictsApi,
  MeetingsApi,
  PrioritiesApi,
  ProximiteCafesClient,
  ProximiteClient,
  ProximiteCoreClient,
  RightsApi,
  StatsApi,
} from './client.js';
export type { RequestOptions, RetryOptions } from './internal/transport.js';
export { createCache } from './internal/cache.js';
export type { ResponseCache } from './internal/cache.js';
export type { IcsQuery } from './resources/cafes.js';
export type { SubmitOptions } from './resources/concerns.js';
export {
  ApiError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NetworkError,
  NotFoundError,
  ProximiteError,
  RateLimitedError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
  UnprocessableError,
  isTransient,
} from './errors.js';
export type { RequestSummary, ValidationIssue } from './errors.js';
export { createOutbox, idbStorage, memoryStorage } from './outbox.js';
export type {
  Outbox,
  OutboxEntry,
  OutboxEvent,
  OutboxFailure,
  OutboxListener,
  OutboxOptions,
  OutboxState,
  OutboxStorage,
} from './outbox.js';
