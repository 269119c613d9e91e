/**
 * Reads a corpus of real iCalendar files with the contract's `readICalendar` and compares each
 * file's occurrences with an independent reference (another parser's output, recorded as JSON:
 * `{ file, from, to, events: [{ uid, start: { ms } | { date }, end }] }` or `{ error }`); then reads
 * the corpus's Open311 responses (`open311/<producer>/*.xml|json`) as the SDK's Open311 adapter
 * does, and validates each with the contract's schema of its kind.
 *
 *   node --conditions=source --import tsx scripts/feed-corpus.ts <corpus-dir> [--verbose]
 *
 * The corpus dir holds `ical/<producer>/*.ics` and `reference/<name>/*.json`; the report gives, per
 * file and per producer: occurrences found by both, only by the reference, only here, starts that
 * differ, and the issues `readICalendar` raised. A file `readICalendar` cannot read at all counts
 * as lost. Occurrences in the first and last 7 days of the window are not compared (the two
 * parsers read a window's bounds differently).
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readICalendar } from '@proximite/contract/ical-feed.js';
import { windowsZones } from '@proximite/contract/windows-zones.js';
import {
  Open311Discovery,
  Open311ErrorList,
  Open311RequestCreated,
  Open311RequestList,
  Open311ServiceDefinition,
  Open311ServiceList,
} from '@proximite/contract';
import { open311Body } from '@proximite/sdk/adapters/open311.js';

interface RefEvent {
  uid: string;
  start: { ms?: number; date?: string } | null;
  end: { ms?: number; date?: string } | null;
}
interface Ref {
  file: string;
  from: string;
  to: string;
  events?: RefEvent[];
  error?: string;
}

const dir = process.argv[2];
const verbose = process.argv.includes('--verbose');
if (!dir || !existsSync(dir)) {
  console.error('usage: feed-corpus.ts <corpus-dir> [--verbose]');
  process.exit(2);
}
const DAY = 86_400_000;
const key = (uid: string, start: { ms?: number; date?: string } | null): string =>
  `${uid}\u0000${start?.date ?? String(start?.ms)}`;

const totals = new Map<
  string,
  { files: number; lost: number; same: number; missing: number; extra: number; issues: number }
>();
let refErrors = 0;
for (const refDir of readdirSync(join(dir, 'reference'), { withFileTypes: true }).filter((d) =>
  d.isDirectory(),
)) {
  for (const name of readdirSync(join(dir, 'reference', refDir.name)).filter((f) => f.endsWith('.json'))) {
    const ref = JSON.parse(readFileSync(join(dir, 'reference', refDir.name, name), 'utf8')) as Ref;
    const producer = ref.file.split('/')[1] ?? '?';
    const t = totals.get(producer) ?? { files: 0, lost: 0, same: 0, missing: 0, extra: 0, issues: 0 };
    totals.set(producer, t);
    t.files++;
    const text = readFileSync(join(dir, ref.file), 'utf8');
    const from = Date.parse(`${ref.from}T00:00:00Z`);
    const to = Date.parse(`${ref.to}T00:00:00Z`);
    let feed;
    try {
      feed = readICalendar(text, { from, to, windowsZones });
    } catch (error) {
      t.lost++;
      console.log(`LOST ${ref.file}: ${(error as Error).message}`);
      continue;
    }
    t.issues += feed.issues.length;
    if (ref.error !== undefined || ref.events === undefined) {
      refErrors++;
      if (verbose)
        console.log(
          `(reference failed) ${ref.file}: ${ref.error}; here ${feed.cafes.length} occurrences, ${feed.issues.length} issues`,
        );
      continue;
    }
    const inner = (start: { ms?: number; date?: string } | null): boolean => {
      const ms = start?.ms ?? (start?.date ? Date.parse(`${start.date}T12:00:00Z`) : NaN);
      return ms >= from + 7 * DAY && ms < to - 7 * DAY;
    };
    const mine = new Map<string, string>();
    for (const cafe of feed.cafes) {
      const uid = cafe.id.replace(/@\d{8}T\d{6}Z$/, '').replace(/^event-\d+@line-\d+$/, ''); // no UID in the feed
      const start = cafe.allDay ? { date: cafe.start.slice(0, 10) } : { ms: Date.parse(cafe.start) };
      if (inner(start)) mine.set(key(uid, start), cafe.id);
    }
    const theirs = new Set(ref.events.filter((e) => inner(e.start)).map((e) => key(e.uid, e.start)));
    const missing = [...theirs].filter((k) => !mine.has(k));
    const extra = [...mine.keys()].filter((k) => !theirs.has(k));
    t.same += [...theirs].filter((k) => mine.has(k)).length;
    t.missing += missing.length;
    t.extra += extra.length;
    if (missing.length || extra.length || (verbose && feed.issues.length))
      console.log(
        `${missing.length || extra.length ? 'DIFF' : 'ok  '} ${ref.file}: ${theirs.size} reference, ${mine.size} here; ` +
          `${missing.length} only in the reference, ${extra.length} only here` +
          (verbose
            ? `\n  only ref: ${missing
                .slice(0, 4)
                .map((k) => k.replace('\u0000', ' '))
                .join(' | ')}\n  only here: ${extra
                .slice(0, 4)
                .map((k) => k.replace('\u0000', ' '))
                .join(' | ')}`
            : '') +
          (feed.issues.length
            ? `\n  issues: ${feed.issues
                .slice(0, 6)
                .map((i) => `${i.severity} ${i.code}: ${i.message}`)
                .join('\n          ')}`
            : ''),
      );
  }
}
console.log('\nproducer\tfiles\tlost\tsame\tonly-ref\tonly-here\tissues');
for (const [producer, t] of [...totals].sort())
  console.log(`${producer}\t${t.files}\t${t.lost}\t${t.same}\t${t.missing}\t${t.extra}\t${t.issues}`);
console.log(`reference could not read ${refErrors} file(s)`);

// ---- Open311 responses
if (existsSync(join(dir, 'open311'))) {
  const kinds: [RegExp, string, { safeParse(v: unknown): { success: boolean; error?: unknown } }][] = [
    [/<discovery>|"endpoints"/, 'discovery', Open311Discovery],
    [/<service_definition>|"attributes"/, 'service definition', Open311ServiceDefinition],
    [/<errors>|^\s*\[\s*\{\s*"code"/, 'errors', Open311ErrorList],
    [/<status>|"status"/, 'requests', Open311RequestList],
    [/<services[\s>]|"services"|"service_name"/, 'services', Open311ServiceList],
    [
      /<service_requests[\s>]|"token"|"service_notice"|"service_request_id"/,
      'created or token',
      Open311RequestCreated,
    ],
  ];
  const byProducer = new Map<string, { files: number; read: number; plainJson: number }>();
  for (const producer of readdirSync(join(dir, 'open311'))) {
    for (const name of readdirSync(join(dir, 'open311', producer))) {
      const text = readFileSync(join(dir, 'open311', producer, name), 'utf8');
      if (/XXX_|\[%|\$\{/.test(text)) {
        if (verbose)
          console.log(`-    open311/${producer}/${name}: a test template (placeholders), not a response`);
        continue;
      }
      const kind = kinds.find(([test]) => test.test(text));
      const t = byProducer.get(producer) ?? { files: 0, read: 0, plainJson: 0 };
      byProducer.set(producer, t);
      if (!kind) {
        console.log(`?    open311/${producer}/${name}: not a GeoReport v2 response`);
        continue;
      }
      t.files++;
      let ok = false;
      let why = '';
      try {
        const result = kind[2].safeParse(open311Body(text));
        ok = result.success;
        if (!ok) why = JSON.stringify(result.error).slice(0, 200);
      } catch (error) {
        why = (error as Error).message;
      }
      if (ok) t.read++;
      // What a JSON-only client without the normalisation reads (the adapter before).
      try {
        if (kind[2].safeParse(JSON.parse(text)).success) t.plainJson++;
      } catch {
        // not JSON
      }
      if (!ok || verbose)
        console.log(
          `${ok ? 'ok  ' : 'FAIL'} open311/${producer}/${name} (${kind[1]})${why ? `: ${why}` : ''}`,
        );
    }
  }
  console.log('\nOpen311 producer\tresponses\tread now\tread as plain JSON');
  for (const [producer, t] of [...byProducer].sort())
    console.log(`${producer}\t${t.files}\t${t.read}\t${t.plainJson}`);
}
