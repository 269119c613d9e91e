// The React example: Vite resolves the workspace packages to their TypeScript sources (the "source"
// export condition) and Oxc compiles TSX and the widgets' decorators (no React plugin needed).
// /v1 goes to the reference server (PROXIMITE_API, set by serve.mjs; default http://127.0.0.1:8787).
import { defineConfig, defaultClientConditions } from 'vite';

const api = process.env.PROXIMITE_API ?? 'http://127.0.0.1:8787';
const proxy = { '/v1': { target: api, changeOrigin: false } };

export default defineConfig({
  root: import.meta.dirname,
  resolve: { conditions: ['source', ...defaultClientConditions] },
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: { host: '127.0.0.1', proxy },
  preview: { host: '127.0.0.1', proxy },
});
