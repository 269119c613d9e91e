// `proximite doctor --origin <site> <api>`: what works from a site, against a running reference
// server — reads for everyone, reports only from the origins in PROXIMITE_ALLOWED_ORIGINS.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../src/cli.js';
import { startTestServer, targets } from './helpers.js';
import type { TestServer } from './helpers.js';

const ALLOWED = 'https://www.amiens.fr';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('proximite doctor', () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer(targets()[0]!, { config: { allowedOrigins: [ALLOWED] } });
  });
  after(() => s.close());

  test('an allowed origin: reads and reports work (exit 0)', async () => {
    const c = capture();
    assert.equal(await runCli(['doctor', '--origin', `${ALLOWED}/`, s.url], { io: c.io }), 0);
    const text = c.out.join('\n');
    assert.match(text, new RegExp(`seen from ${ALLOWED}\\n`));
    assert.match(text, /✔ reading cafés/);
    assert.match(text, /✔ sending reports/);
    assert.doesNotMatch(text, /✘/);
  });

  test('another origin: reads work, reports are refused, and it says how to allow it (exit 1)', async () => {
    const c = capture();
    const origin = 'https://quartiers.example.org';
    assert.equal(await runCli(['doctor', '--origin', origin, s.url], { io: c.io }), 1);
    const text = c.out.join('\n');
    assert.match(text, /✔ reading cafés/);
    assert.match(text, /✘ sending reports/);
    assert.match(text, /CORS preflight refuses https:\/\/quartiers\.example\.org \(HTTP 403/);
    assert.match(text, /PROXIMITE_ALLOWED_ORIGINS=https:\/\/quartiers\.example\.org/);
  });

  test('--json gives the same report as data', async () => {
    const c = capture();
    await runCli(['doctor', '--json', '--origin', 'https://other.example', s.url], { io: c.io });
    const report = JSON.parse(c.out.join('\n')) as { ok: boolean; checks: { id: string; ok: boolean }[] };
    assert.equal(report.ok, false);
    assert.deepEqual(
      report.checks.filter((check) => check.id !== 'script').map((check) => [check.id, check.ok]),
      [
        ['reads', true],
        ['reports', false],
      ],
    );
  });

  test('a backend that does not answer: reads fail, reports cannot be told', async () => {
    const c = capture();
    assert.equal(await runCli(['doctor', '--origin', ALLOWED, 'http://127.0.0.1:9'], { io: c.io }), 1);
    const text = c.out.join('\n');
    assert.match(text, /✘ reading cafés[^\n]*\n\s+no response/);
    assert.match(text, /\? sending reports/);
  });

  test('usage: the origin and the backend are required', async () => {
    const c = capture();
    assert.equal(await runCli(['doctor', s.url], { io: c.io }), 2);
    assert.match(c.err.join('\n'), /--origin is the site embedding the widgets/);
    assert.equal(await runCli(['doctor', '--origin', ALLOWED], { io: c.io }), 2);
    assert.equal(await runCli(['doctor', '--origin', 'https://x.example/page', s.url], { io: c.io }), 2);
  });
});
