import type { RightsContent, StatsDataset } from '@proximite/contract';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { StoreContext } from '../store/context.js';
import type { Clock } from '../util.js';

/** Everything the routes share. */
export interface AppDeps extends StoreContext {
  db: Database;
  clock: Clock;
  config: Config;
  rights: RightsContent;
  stats: StatsDataset;
  version: string;
  /** The salt of client IP hashes (from the config, else stored in the database). */
  ipSalt: () => Promise<string>;
}
