// @proximite/content: the default data that ships with Proximité, validated by the contract.
// Each part is also importable on its own (`@proximite/content/rights/index.js`, …) so a consumer
// pays only for what it uses.
export * from './categories.js';
export * from './rights/index.js';
export * from './stats/index.js';
