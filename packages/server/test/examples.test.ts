import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const example = join(root, 'examples', 'sdk-node', 'index.mjs');

/** Runs the example as its README says (`node examples/sdk-node/index.mjs <url>`); never throws. */
async function runExample(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [example, ...args], {
      cwd: root,
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('examples/sdk-node against the reference server', () => {
  let server: TestServer;
  before(async () => {
    // Plain `node` resolves @proximite/sdk to its build (dist/), as an installed package: build it
    // (incremental, as `npm run build` does) so the example runs exactly as the README says.
    await run(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'packages/sdk'],
      {
        cwd: root,
      },
    );
    server = await startTestServer(targets()[0]!, { seed: true });
  });
  after(() => server.close());

  test('lists the next cafés and reports a concern: reference, status link, status', async () => {
    const before = await server.db.query<{ n: number | string }>('SELECT count(*) AS n FROM concerns');
    const { code, stdout, stderr } = await runExample([server.url]);
    assert.equal(code, 0, stderr);
    assert.match(
      stdout,
      new RegExp(`^Prochains cafés / Next cafés \\(${server.url.replace(/\./g, '\\.')}\\):`, 'm'),
    );
    const cafes = stdout.split('\n').filter((l) => l.startsWith('  • '));
    assert.equal(cafes.length, 5);
    assert.match(stdout, new RegExp(`${server.url.replace(/\./g, '\\.')}/v1/cafes/[^\\s]+\\.ics`));
    const reference = /^Signalement reçu \/ Concern received: (PRX-[0-9A-Z]{4}-[0-9A-Z]{4}) \(/m.exec(
      stdout,
    )?.[1];
    assert.ok(reference, stdout);
    assert.match(stdout, new RegExp(`^Suivi / Status link: .*/v1/concerns/${reference}\\?token=`, 'm'));
    assert.match(stdout, /^Statut \/ Status: received$/m);
    const rows = await server.db.query<{ description: string; category_code: string }>(
      'SELECT description, category_code FROM concerns WHERE reference = $1',
      [reference],
    );
    assert.equal(rows[0]?.category_code, 'depots-sauvages');
    assert.match(rows[0]?.description ?? '', /examples\/sdk-node/);
    const count = await server.db.query<{ n: number | string }>('SELECT count(*) AS n FROM concerns');
    assert.equal(Number(count[0]?.n), Number(before[0]?.n) + 1, 'one concern, no duplicate');
  });

  test('an invalid concern prints the field errors of UnprocessableError and exits 1', async () => {
    const { code, stdout, stderr } = await runExample([server.url, '--invalid']);
    assert.equal(code, 1);
    assert.match(stdout, /Prochains cafés/);
    assert.match(stderr, /^Signalement refusé \/ Concern rejected: /m);
    assert.match(stderr, /^ {2}- location: /m);
  });

  test('an unreachable server is a NetworkError, exit 1', async () => {
    const { code, stderr } = await runExample(['http://127.0.0.1:9', '--no-submit']);
    assert.equal(code, 1);
    assert.match(stderr, /^NetworkError: /m);
  });
});
