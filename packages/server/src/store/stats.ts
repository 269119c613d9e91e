/** Recorded-crime datasets stored per area (`proximite import-ssmsi`), served by `GET /v1/stats`. */
import { StatsDataset } from '@proximite/contract';
import type { Queryable } from '../db/database.js';

/** Stores (or replaces) the dataset of its area. Throws when it does not match the contract. */
export async function putStatsDataset(db: Queryable, now: Date, dataset: StatsDataset): Promise<void> {
  const checked = StatsDataset.safeParse(dataset);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new TypeError(
      `the dataset does not match the contract's StatsDataset: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    );
  }
  await db.query(
    `INSERT INTO stats_datasets (area, data, updated_at) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (area) DO UPDATE SET data = $2::jsonb, updated_at = $3`,
    [dataset.area.code, JSON.stringify(dataset), now.toISOString()],
  );
}

/** The stored dataset of `area`, if any. */
export async function getStatsDataset(db: Queryable, area: string): Promise<StatsDataset | undefined> {
  const rows = await db.query<{ data: StatsDataset }>('SELECT data FROM stats_datasets WHERE area = $1', [
    area,
  ]);
  return rows[0]?.data;
}

/** The areas with a stored dataset. */
export async function listStatsAreas(db: Queryable): Promise<string[]> {
  return (await db.query<{ area: string }>('SELECT area FROM stats_datasets ORDER BY area')).map(
    (r) => r.area,
  );
}
