import type { RightsContent, StatsDataset } from '@proximite/contract';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { Outbox } from '../delivery/outbox.js';
import type { DeliveryOptions } from '../delivery/worker.js';
import type { StaffLinkSender } from '../services/links.js';
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
  /**
   * Delivers staff invitation and password-reset links (e-mail). Absent: the link is handed back
   * to whoever made it (shown once by the admin API, printed by the CLI) to be passed on by hand.
   */
  sendStaffLink?: StaffLinkSender | undefined;
  /** Where changes enqueue the messages they announce (in their own transaction). */
  outbox: Outbox;
  /** The delivery worker's settings (the worker itself is started by `startServer`). */
  delivery: DeliveryOptions;
}
