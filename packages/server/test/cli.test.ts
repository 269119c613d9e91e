import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { CafePage } from '@proximite/contract';
import { runCli } from '../src/cli.js';
import { configFromEnv } from '../src/config.js';
import { openStore } from '../src/server.js';
import { fakeClock, prepareDataDir } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', 'src', 'cli.ts');
const root = join(here, '..', '..', '..');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('CLI', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'prx-cli-'));
    env = { PROXIMITE_DATA_DIR: dataDir };
    await prepareDataDir(dataDir);
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('serve --port 0 --seed prints the listening line, serves the seeded data, stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        cli,
        'serve',
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--seed',
      ],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: '', PROXIMITE_DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line:\n${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /^Proximité listening on (http:\/\/127\.0\.0\.1:(\d+))$/m.exec(output);
        if (m?.[1] !== undefined) {
          clearTimeout(timer);
          assert.notEqual(m[2], '0', 'the real port is printed');
          resolve(m[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`exited ${String(code)}:\n${output}`)));
    });
    const cafes = (await (await fetch(`${url}/v1/cafes`)).json()) as CafePage;
    assert.ok(cafes.items.length > 5);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  test('seed on a seeded database does nothing', async () => {
    const c = capture();
    assert.equal(await runCli(['seed'], { env, io: c.io }), 0);
    assert.match(c.out.join('\n'), /not empty/);
  });

  test('token create prints the secret once; list shows it without the secret; revoke', async () => {
    const c = capture();
    assert.equal(
      await runCli(
        [
          'token',
          'create',
          '--name',
          'webmaster',
          '--scope',
          'cafes:write',
          '--scope',
          'tokens:write',
          '--expires-days',
          '30',
        ],
        { env, io: c.io },
      ),
      0,
    );
    const secret = c.out.find((l) => l.startsWith('prx_admin_'));
    assert.ok(secret);
    const id = /\(([0-9a-f-]{36})\)/.exec(c.out[0] ?? '')?.[1];
    assert.ok(id);
    const l = capture();
    await runCli(['token', 'list'], { env, io: l.io });
    assert.ok(l.out.some((x) => x.includes('webmaster') && x.includes('active')));
    assert.ok(!l.out.join('\n').includes(secret));
    const r = capture();
    assert.equal(await runCli(['token', 'revoke', id], { env, io: r.io }), 0);
    const bad = capture();
    assert.equal(await runCli(['token', 'create', '--name', 'x', '--scope', 'root'], { env, io: bad.io }), 2);
    assert.equal(await runCli(['frobnicate'], { env, io: bad.io }), 2);
  });

  test('audit verify: intact, then broken after tampering (exit 1)', async () => {
    const ok = capture();
    assert.equal(await runCli(['audit', 'verify'], { env, io: ok.io }), 0);
    assert.match(ok.out[0] ?? '', /intact: \d+ entries/);
    const db = await openStore(configFromEnv(env));
    await db.query(`UPDATE audit_log SET target = 'tampered' WHERE seq = 2`);
    await db.close();
    const broken = capture();
    assert.equal(await runCli(['audit', 'verify'], { env, io: broken.io }), 1);
    assert.match(broken.err[0] ?? '', /BROKEN at entry 2/);
  });
});

describe('retention (purge) with a fake clock', () => {
  test('contact details erased after closure, closed concerns deleted later, open ones kept', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'prx-purge-'));
    const env = {
      PROXIMITE_DATA_DIR: dataDir,
      PROXIMITE_RETENTION_CONTACT_DAYS: '30',
      PROXIMITE_RETENTION_CLOSED_DAYS: '365',
    };
    try {
      await prepareDataDir(dataDir);
      const t0 = new Date('2026-01-10T10:00:00Z');
      const clock = fakeClock(t0);
      const db = await openStore(configFromEnv(env));
      const { insertConcern } = await import('../src/store/concerns.js');
      const { getCategory } = await import('../src/store/content.js');
      const category = await getCategory(db, 'bruit');
      assert.ok(category);
      const make = (contact: boolean) =>
        db.transaction((tx) =>
          insertConcern(tx, t0, category, {
            categoryCode: 'bruit',
            description: 'x',
            location: { address: 'Rue Motte' },
            attributes: { source: 'logement' },
            contact: contact ? { email: 'a@example.org' } : undefined,
            quarantineReasons: [],
            channel: 'api',
          }),
        );
      const closed = await make(true);
      const open = await make(true);
      await db.query(`UPDATE concerns SET status = 'resolved', closed_at = $2 WHERE id = $1`, [
        closed.id,
        t0.toISOString(),
      ]);
      const contacts = async () =>
        (
          await db.query<{ concern_id: string }>(
            'SELECT concern_id FROM concern_contacts ORDER BY concern_id',
          )
        ).map((r) => r.concern_id);
      const concerns = async () =>
        (await db.query<{ id: string }>('SELECT id FROM concerns')).map((r) => r.id);
      await db.close();

      const run = async (days: number) => {
        clock.set(new Date(t0.getTime() + days * 86400_000));
        const c = capture();
        assert.equal(await runCli(['purge'], { env, io: c.io, clock }), 0);
        return c.out.join('\n');
      };
      assert.match(await run(29), /0 contact record\(s\) erased, 0 closed concern\(s\) deleted/);
      assert.match(await run(31), /1 contact record\(s\) erased, 0 closed concern\(s\) deleted/);
      let check = await openStore(configFromEnv(env));
      assert.deepEqual(
        (await check.query<{ concern_id: string }>('SELECT concern_id FROM concern_contacts')).map(
          (r) => r.concern_id,
        ),
        [open.id],
      );
      await check.close();
      assert.match(await run(366), /1 contact record\(s\) erased, 1 closed concern\(s\) deleted/);
      check = await openStore(configFromEnv(env));
      assert.deepEqual(
        (await check.query<{ id: string }>('SELECT id FROM concerns')).map((r) => r.id),
        [open.id],
      );
      assert.equal((await check.query('SELECT 1 FROM concern_contacts')).length, 0);
      const audit = await check.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE action = 'retention.purge'`,
      );
      assert.equal(audit.length, 3);
      await check.close();
      void contacts;
      void concerns;
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
