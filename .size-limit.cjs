// Size budgets, in brotli bytes (bytes do not vary between runs, so CI checks them).
// Each budget applies to a file rollup.config.js writes; a budget whose file is not built yet is
// skipped here so the list can state every budget of the project from the start.
const { existsSync } = require('node:fs');

const budgets = [
  { name: 'Lit + widget kit', path: 'bundles/standalone/kit.js', limit: '8 KB' },
  { name: 'SDK core (no adapters)', path: 'bundles/standalone/sdk.js', limit: '10 KB' },
  {
    name: '<prox-cafe-calendar> standalone',
    path: 'bundles/standalone/prox-cafe-calendar.js',
    limit: '20 KB',
  },
  { name: '<prox-concern-form> standalone', path: 'bundles/standalone/prox-concern-form.js', limit: '22 KB' },
  { name: 'all-in-one', path: 'bundles/standalone/proximite.js', limit: '34 KB' },
];

module.exports = budgets
  .filter((budget) => existsSync(budget.path))
  .map((budget) => ({ ...budget, brotli: true, gzip: false }));
