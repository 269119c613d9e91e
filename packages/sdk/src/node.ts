/// <reference types="node" />
/**
 * `@proximite/sdk/node.js` — Node-only pieces, kept out of browser bundles (they use `node:fs`).
 *
 * `fileStorage(file)`: outbox entries in a log file, one JSON line per change (`{"set":entry}` or
 * `{"delete":id}`), appended — a change costs what it writes, not a rewrite of every entry (queueing
 * 1,000 reports rewrote the whole file 1,000 times). The entries live in memory, read from the file
 * once and again whenever another process changed it (its size or identity moved). When the log
 * holds many more lines than entries it is compacted: the live entries are written to a temporary
 * file, renamed over the log. Changes run one at a time. A crash can only leave a partly written
 * last line, which is ignored on reading: every change before it is kept.
 *
 * Files written by earlier versions (one JSON object of every entry) are read, and rewritten as a
 * log on the next compaction.
 */
import { appendFile, mkdir, open, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { OutboxEntry, OutboxStorage } from './outbox.js';

type Change = { set: OutboxEntry } | { delete: string };

/** Compacts once the log has this many lines more than twice its entries. */
const SLACK = 64;

/** A line of the log, or undefined when it is not one (empty, or cut short by a crash). */
function parseChange(row: string): Change | undefined {
  try {
    const value: unknown = JSON.parse(row);
    if (value === null || typeof value !== 'object') return undefined;
    if ('set' in value || 'delete' in value) return value as Change;
  } catch {
    // not a whole line
  }
  return undefined;
}

/** The entries of a file in the earlier format (one JSON object of them), else undefined. */
function earlierFormat(text: string): Record<string, OutboxEntry> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || 'set' in value || 'delete' in value) return undefined;
  return value as Record<string, OutboxEntry>;
}

/** Outbox entries in the log file `file` (created with its folder on first write). */
export function fileStorage(file: string): OutboxStorage {
  let queue: Promise<unknown> = Promise.resolve();
  let entries = new Map<string, OutboxEntry>();
  /** The file's identity and size after this storage's last read or write (undefined: no file). */
  let known: { ino: number; size: number } | undefined;
  /** False until the first read, and whenever another process may have written since. */
  let fresh = false;
  let lines = 0;
  /** The file ends with a line a crash cut short. */
  let torn = false;

  const current = async (): Promise<{ ino: number; size: number } | undefined> => {
    try {
      const s = await stat(file);
      return { ino: s.ino, size: s.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };

  /** Reads the file again if it is not the one this storage last saw. */
  const load = async (): Promise<void> => {
    const now = await current();
    if (fresh && now?.ino === known?.ino && now?.size === known?.size) return;
    entries = new Map();
    lines = 0;
    torn = false;
    known = undefined;
    fresh = true;
    if (now === undefined) return;
    // Read through one handle, so the size recorded is that of the text read.
    const handle = await open(file, 'r');
    let text: string;
    let size: number;
    try {
      size = (await handle.stat()).size;
      text = (await handle.readFile()).toString('utf8');
    } finally {
      await handle.close();
    }
    const earlier = earlierFormat(text);
    if (earlier !== undefined) {
      for (const entry of Object.values(earlier)) entries.set(entry.id, entry);
      lines = Number.POSITIVE_INFINITY; // rewritten as a log on the next change
    } else {
      for (const row of text.split('\n')) {
        const change = parseChange(row);
        if (change === undefined) continue; // an empty row, or a line a crash cut short
        lines += 1;
        if ('set' in change) entries.set(change.set.id, change.set);
        else entries.delete(change.delete);
      }
      // A line cut short has no end of line: the next one starts on a line of its own.
      torn = text.length > 0 && !text.endsWith('\n');
    }
    known = { ino: now.ino, size };
  };

  /** Runs `work` after every earlier operation of this storage (reads included, for consistency). */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const compact = async (): Promise<void> => {
    const temporary = `${file}.${process.pid}.tmp`;
    const text = [...entries.values()].map((entry) => `${JSON.stringify({ set: entry })}\n`).join('');
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, file);
    lines = entries.size;
    torn = false;
    known = await current();
    fresh = known !== undefined;
  };

  const change = async (row: Change): Promise<void> => {
    await mkdir(dirname(file), { recursive: true });
    if (lines + 1 > 2 * entries.size + SLACK) return compact();
    const line = `${torn ? '\n' : ''}${JSON.stringify(row)}\n`;
    const expected = (known?.size ?? 0) + Buffer.byteLength(line);
    await appendFile(file, line, { mode: 0o600 });
    lines += 1;
    torn = false;
    const now = await current();
    // Unless another process wrote meanwhile (then the next operation reads the file again), the
    // file is what this storage knew plus its line.
    fresh = now !== undefined && now.size === expected && (known === undefined || now.ino === known.ino);
    known = now;
  };

  return {
    name: `file:${file}`,
    get: (id) =>
      serial(async () => {
        await load();
        return structuredClone(entries.get(id));
      }),
    set: (entry) =>
      serial(async () => {
        await load();
        entries.set(entry.id, structuredClone(entry));
        await change({ set: entry });
      }),
    delete: (id) =>
      serial(async () => {
        await load();
        if (!entries.has(id)) return;
        entries.delete(id);
        await change({ delete: id });
      }),
    list: () =>
      serial(async () => {
        await load();
        return [...entries.values()].map((entry) => structuredClone(entry));
      }),
  };
}
