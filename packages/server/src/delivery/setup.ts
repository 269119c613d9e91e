/**
 * The delivery settings of a server, from its configuration (PROXIMITE_SMTP_URL,
 * PROXIMITE_MAIL_FROM, PROXIMITE_WEBHOOK_ALLOW_PRIVATE, …), and the sender of staff invitation and
 * password-reset links that goes through the queue.
 */
import { sha256Hex } from '../util.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { StaffLinkSender } from '../services/links.js';
import type { Mailer } from './mailer.js';
import { smtpMailer } from './mailer.js';
import { enqueueMail } from './outbox.js';
import type { Outbox } from './outbox.js';
import { DEFAULT_RETRY } from './queue.js';
import type { DeliveryOptions } from './worker.js';

/** Where links in messages point: the staff console's page. */
export function consoleUrlOf(config: Config): string {
  return config.staffConsoleUrl ?? `${config.publicUrl ?? 'http://127.0.0.1:8787'}/staff/`;
}

/** The delivery options of `config` (a mailer when PROXIMITE_SMTP_URL is set), with `overrides` (tests). */
export function deliveryOptions(
  config: Config,
  version: string,
  overrides: Partial<DeliveryOptions> = {},
): DeliveryOptions {
  const mailer: Mailer | undefined =
    'mailer' in overrides
      ? overrides.mailer
      : config.smtpUrl !== undefined
        ? smtpMailer({ url: config.smtpUrl, from: config.mailFrom })
        : undefined;
  return {
    policy: { ...DEFAULT_RETRY, retryWindowMs: config.deliveryRetryHours * 3_600_000 },
    leaseMs: 5 * 60_000,
    pollMs: 2_000,
    concurrency: config.deliveryConcurrency,
    httpTimeoutMs: 15_000,
    allowPrivate: config.webhookAllowPrivate,
    consoleUrl: consoleUrlOf(config),
    userAgent: `Proximite/${version} (+https://www.standardwebhooks.com/)`,
    open311PollMs: config.open311PollMinutes * 60_000,
    summaryHour: config.failureSummaryHour,
    verdictPollMs: config.verdictPollSeconds * 1000,
    ...overrides,
    mailer,
  };
}

/**
 * Sends staff links by e-mail through the queue when a mail server is configured (the link is in
 * the queued message until it is sent, then emptied); `undefined` otherwise, so the link is handed
 * back to whoever made it, as before.
 */
export function queuedStaffLinkSender(
  db: Database,
  clock: () => Date,
  outbox: Outbox,
): StaffLinkSender | undefined {
  if (!outbox.mailConfigured) return undefined;
  return async (to, link) => {
    await enqueueMail(db, clock(), outbox, {
      dedupeKey: `staff-link:${sha256Hex(link.url)}`,
      event: 'staff.link',
      to: to.email,
      template: 'staff-link',
      data: { kind: link.kind, displayName: to.displayName, url: link.url, expiresAt: link.expiresAt },
      langs: ['fr'],
      secret: true,
    });
    return true;
  };
}
