/**
 * @proximite/contract — zod/mini schemas, inferred types and the OpenAPI 3.1 document of the
 * Proximité contract. Pure and isomorphic: no I/O, no side effects at import.
 */
export * from './common.js';
export * from './cafes.js';
export * from './concerns.js';
export * from './category-answers.js';
export * from './priorities.js';
export * from './meetings.js';
export * from './response-times.js';
export * from './rights.js';
export * from './stats.js';
export * from './reports.js';
export * from './problem.js';
export * from './admin.js';
export * from './staff.js';
export * from './services.js';
export * from './working-days.js';
export * from './open311.js';
export * from './operations.js';
export * from './openapi.js';
export * from './ical.js';
export * from './templates.js';
export * from './field.js';
