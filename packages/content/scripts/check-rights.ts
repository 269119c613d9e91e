/**
 * Checks the bundled rights content and optionally writes it as JSON (for a static `src=` file).
 *
 *   node --conditions=source --import tsx packages/content/scripts/check-rights.ts [options]
 *     --today YYYY-MM-DD   check against this date (default: today, UTC)
 *     --write <file>       write the content as JSON after a clean check
 *     --lang fr|en         with --write: only that language (see rightsFor)
 *
 * Exit code 0 when the content is clean, 1 when it has issues, 2 on bad arguments.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkRightsContent, rightsContent, rightsFor } from '../src/rights/index.js';

function main(): number {
  let values: { today?: string; write?: string; lang?: string };
  try {
    ({ values } = parseArgs({
      options: { today: { type: 'string' }, write: { type: 'string' }, lang: { type: 'string' } },
    }));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    console.error(`--today must be YYYY-MM-DD, got "${today}"`);
    return 2;
  }
  if (values.lang !== undefined && values.lang !== 'fr' && values.lang !== 'en') {
    console.error(`--lang must be fr or en, got "${values.lang}"`);
    return 2;
  }
  const issues = checkRightsContent(rightsContent, today);
  for (const issue of issues) console.error(`${issue.code}\t${issue.path}\t${issue.message}`);
  if (issues.length > 0) {
    console.error(`rights content: ${issues.length} issue(s) on ${today}`);
    return 1;
  }
  let items = 0;
  let verify = 0;
  for (const topic of rightsContent.topics)
    for (const section of topic.sections)
      for (const item of section.items) {
        items += 1;
        if (item.confidence === 'verify') verify += 1;
      }
  console.log(
    `rights content OK on ${today}: ${rightsContent.topics.length} topics, ${items} items (${verify} to verify), ` +
      `${rightsContent.contacts.length} contacts, ${Object.keys(rightsContent.sources).length} sources`,
  );
  if (values.write !== undefined) {
    const content = values.lang === undefined ? rightsContent : rightsFor(values.lang);
    const file = resolve(values.write);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
    console.log(`wrote ${file}`);
  }
  return 0;
}

process.exitCode = main();
