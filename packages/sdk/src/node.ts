/// <reference types="node" />
/**
 * `@proximite/sdk/node.js` — Node-only pieces, kept out of browser bundles (they use `node:fs`).
 * `fileStorage(file)`: outbox entries in a JSON file, written atomically (temporary file + rename),
 * one write at a time, so a crash never leaves a half-written outbox.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { OutboxEntry, OutboxStorage } from './outbox.js';

/** Outbox entries in the JSON file `file` (created with its folder on first write). */
export function fileStorage(file: string): OutboxStorage {
  let queue: Promise<unknown> = Promise.resolve();
  const read = async (): Promise<Record<string, OutboxEntry>> => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Record<string, OutboxEntry>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  };
  /** Runs `work` after every earlier operation of this storage (reads included, for consistency). */
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const write = async (entries: Record<string, OutboxEntry>): Promise<void> => {
    await mkdir(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(entries), { mode: 0o600 });
    await rename(temporary, file);
  };
  return {
    name: `file:${file}`,
    get: (id) => serial(async () => (await read())[id]),
    set: (entry) =>
      serial(async () => {
        const entries = await read();
        entries[entry.id] = entry;
        await write(entries);
      }),
    delete: (id) =>
      serial(async () => {
        const entries = await read();
        if (!(id in entries)) return;
        delete entries[id];
        await write(entries);
      }),
    list: () => serial(async () => Object.values(await read())),
  };
}
