#!/usr/bin/env node
// Writes packages/widgets/custom-elements.json (the custom-elements manifest: tags, attributes,
// properties, events, slots, parts and CSS properties from the widgets' JSDoc). Storybook reads it
// for its controls and docs; editors and the React wrappers' users read it too.
import { root, run } from './ensure.mjs';
import { join } from 'node:path';

run(
  `${join(root, 'node_modules/.bin/cem')} analyze --litelement --globs "src/**/*.ts" --exclude "src/**/*.test.ts" --exclude "src/kit/**"`,
  { cwd: join(root, 'packages/widgets'), stdio: 'ignore' },
);
console.log('› packages/widgets/custom-elements.json');
