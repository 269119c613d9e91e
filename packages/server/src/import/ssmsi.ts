/**
 * `proximite import-ssmsi`: an official SSMSI recorded-crime file (commune, département or
 * région; current or pre-2025 layout; `.csv` or `.csv.gz`) read by `@proximite/content`'s
 * importer into a StatsDataset, stored for its area so `GET /v1/stats?area=<code>` serves it.
 *
 * The file is streamed line by line (the commune file has millions of rows): lines of other areas
 * are skipped before they are parsed, and only the chosen area's rows are kept.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { SsmsiImportError, SsmsiReader, buildStatsDataset } from '@proximite/content/stats/index.js';
import type { SsmsiImportOptions } from '@proximite/content/stats/index.js';
import type { StatsDataset } from '@proximite/contract';
import type { Database } from '../db/database.js';
import { CLI_ACTOR } from '../services/actor.js';
import type { Actor } from '../services/actor.js';
import { importStatsDataset } from '../services/content.js';

/** INSEE code of a commune (5), département (2–3) or région, or `FR` (as `GET /v1/stats?area=`). */
export const AREA_CODE = /^(?:[0-9][0-9AB][0-9]{0,3}|FR)$/;

export interface SsmsiFileOptions extends Omit<SsmsiImportOptions, 'code'> {
  /** The area to import (INSEE code). */
  area: string;
}

/** Reads `path` (gunzipped when it ends in `.gz`) and returns the StatsDataset of one area. */
export async function readSsmsiFile(path: string, options: SsmsiFileOptions): Promise<StatsDataset> {
  if (!AREA_CODE.test(options.area))
    throw new RangeError(`--area expects an INSEE code (80021, 80, 32) or FR, got "${options.area}"`);
  const file = createReadStream(path);
  const stream: Readable = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  // Errors of the file stream (missing file) do not travel through pipe(): forward them.
  if (stream !== file) file.on('error', (error) => stream.destroy(error));
  const reader = new SsmsiReader(options.area);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) reader.push(line);
  } finally {
    lines.close();
    stream.destroy();
  }
  const rows = reader.rows();
  if (rows.length === 0) {
    const found = reader.areaCodes();
    throw new SsmsiImportError(
      'AREA_NOT_FOUND',
      `no rows for area ${options.area}` +
        (found.length > 0
          ? ` (the file has ${found.slice(0, 5).join(', ')}${found.length > 5 ? '…' : ''})`
          : ''),
    );
  }
  const { area, ...rest } = options;
  const resource = rest.dataset?.resource ?? basename(path).replace(/\.gz$/, '');
  return buildStatsDataset(reader.header!, rows, {
    ...rest,
    code: area,
    dataset: { ...rest.dataset, resource },
  });
}

/** Stores the dataset of its area (replacing an earlier import) with an audit entry. */
export async function storeStatsDataset(
  db: Database,
  now: Date,
  dataset: StatsDataset,
  actor: Actor = CLI_ACTOR,
): Promise<void> {
  await importStatsDataset({ db }, now, actor, dataset);
}
