/** Writes packages/contract/openapi.json (run with `npm run openapi` from the repository root). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from '../src/openapi.js';

const target = fileURLToPath(new URL('../openapi.json', import.meta.url));
const serverUrl = process.env.PROXIMITE_SERVER_URL;
const document = buildOpenApiDocument(serverUrl === undefined ? {} : { serverUrl });
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
console.log(`wrote ${target} (${Object.keys(document.paths as object).length} paths)`);
