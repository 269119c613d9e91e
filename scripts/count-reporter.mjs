// A node:test reporter that writes only the totals, as JSON, for scripts/test.mjs.
export default async function* countReporter(source) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    // Suites are reported as tests too; count only leaves (suites carry details.type 'suite').
    if (event.data.details?.type === 'suite') {
      if (event.type === 'test:fail' && event.data.details?.error?.failureType !== 'subtestsFailed')
        totals.failed += 1;
      continue;
    }
    if (event.data.skip || event.data.todo) totals.skipped += 1;
    else if (event.type === 'test:pass') totals.passed += 1;
    else totals.failed += 1;
  }
  yield JSON.stringify(totals);
}
