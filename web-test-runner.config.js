// Browser tests: Debian's Chromium driven by web-test-runner, TypeScript compiled by esbuild,
// workspace packages resolved to their sources through the "source" export condition.
// When the reference server exists, it is started once on a free port with a fresh PGlite
// database, and tests import its URL from the virtual module /__proximite-test-env.js.
import { writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromiumPath, chromiumArgs } from './scripts/chromium.mjs';
import { serverAvailable, startTestServer } from './scripts/test-server.mjs';

// WTR_PORT lets several runs share a machine (each engineer or helper takes its own port).
const port = Number(process.env.WTR_PORT ?? 8765);

/** Writes { passed, failed, skipped } for scripts/test.mjs to sum across runners. */
function countReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      const visit = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) totals.skipped += 1;
          else if (test.passed) totals.passed += 1;
          else totals.failed += 1;
        }
        for (const child of suite.suites) visit(child);
      };
      for (const session of sessions) {
        if (session.testResults) visit(session.testResults);
        // A file that failed to load counts as a failure even if it declared no test.
        if (!session.passed && (!session.testResults || session.errors?.length)) totals.failed += 1;
      }
      if (process.env.PROXIMITE_TEST_SUMMARY)
        writeFileSync(process.env.PROXIMITE_TEST_SUMMARY, JSON.stringify(totals));
    },
  };
}

/**
 * Starts the reference server the first time a test imports /__proximite-test-env.js, so test
 * files that do not need a backend never wait for one (or break while the server is being changed).
 */
function testServerPlugin() {
  let server;
  return {
    name: 'proximite-test-server',
    async serverStop() {
      await (await server)?.stop();
    },
    async serve(context) {
      if (context.path !== '/__proximite-test-env.js') return undefined;
      if (!server && serverAvailable()) {
        // Seeded with the Amiens demo data (districts, cafés, categories…), as `npm start` is.
        server = startTestServer({
          args: ['--seed'],
          open311Key: true,
          env: { PROXIMITE_ALLOWED_ORIGINS: `http://localhost:${port},http://127.0.0.1:${port}` },
        });
      }
      const started = server ? await server : undefined;
      return {
        body:
          `export const apiUrl = ${JSON.stringify(started?.url ?? null)};\n` +
          `export const open311Key = ${JSON.stringify(started?.open311Key ?? null)};`,
        type: 'js',
      };
    },
  };
}

export default {
  files: [
    'packages/widgets/src/**/*.test.ts',
    'packages/widgets/test/browser/**/*.test.ts',
    'packages/staff/src/**/*.test.ts',
    'packages/sdk/test/browser/**/*.test.ts',
  ],
  port,
  // One page at a time: a second page is a background tab, whose animation frames never come, and
  // @open-wc's fixture() waits for one (tests timed out at random with two).
  concurrency: 1,
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 300000,
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
    testServerPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countReporter()],
};
