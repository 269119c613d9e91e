/**
 * @proximite/sdk — the typed client of the Proximité contract, for browsers and Node 20.
 * Public surface only; adapters are separate entries (`@proximite/sdk/adapters/*.js`), the admin
 * client is `@proximite/sdk/admin.js` and the Node file storage `@proximite/sdk/node.js`.
 */
export * from './core.js';
export { Client, createClient } from './client.js';
export { UnsupportedOperationError } from './errors.js';
export type { StatsGetQuery } from './resources/stats.js';
