/**
 * The check that keeps staff code out of public bundles (scripts/check-bundles.mjs, run by every
 * bundle build) really catches a leak: a staff tag or admin path in a public file, a staff module
 * in a public source map; and it leaves the console's own files alone.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkPublicBundles } from '../../../scripts/check-bundles.mjs';

function bundlesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'proximite-bundles-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('clean public bundles and the console’s own files pass', () => {
  const dir = bundlesDir({
    'cdn/prox-cafe-calendar-0.1.0.js': 'customElements.define("prox-cafe-calendar",x);fetch("/v1/cafes")',
    'cdn/prox-cafe-calendar-0.1.0.js.map': JSON.stringify({ sources: ['../../packages/widgets/src/a.ts'] }),
    'cdn/prox-staff-console-0.1.0.js': 'customElements.define("prox-staff-console",x);fetch("/v1/admin/x")',
    'cdn/prox-staff-console.js': 'fetch("/v1/staff/session")',
    'cdn/staff/inbox-abc.js': 'customElements.define("prox-staff-inbox",x)',
    'cdn/staff/inbox-abc.js.map': JSON.stringify({ sources: ['../../../packages/staff/src/inbox/a.ts'] }),
  });
  try {
    assert.deepEqual(checkPublicBundles(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a staff tag, an admin call or a staff module in a public bundle is reported', () => {
  const dir = bundlesDir({
    'standalone/proximite/proximite.js': 'document.createElement("prox-staff-inbox")',
    'cdn/chunks/shared-x.js': 'fetch(base + "/v1/admin/concerns")',
    'cdn/chunks/shared-x.js.map': JSON.stringify({ sources: ['../../../packages/sdk/src/admin.ts'] }),
    'cdn/prox-concern-form-0.1.0.js': 'fetch("/v1/staff/session")',
    'cdn/proximite-0.1.0.js.map': JSON.stringify({ sources: ['../../packages/staff/src/define.ts'] }),
  });
  try {
    assert.deepEqual(checkPublicBundles(dir).sort(), [
      'cdn/chunks/shared-x.js contains "/v1/admin"',
      'cdn/chunks/shared-x.js.map lists ../../../packages/sdk/src/admin.ts',
      'cdn/prox-concern-form-0.1.0.js contains "/v1/staff"',
      'cdn/proximite-0.1.0.js.map lists ../../packages/staff/src/define.ts',
      'standalone/proximite/proximite.js contains "prox-staff-"',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
