/**
 * Invitation and password-reset links. A link is made here and handed to a {@link StaffLinkSender}
 * when the server has one (e-mail delivery); without one the link is returned to the caller — the
 * CLI prints it, the admin API shows it once — to be passed on by hand.
 */
import type { StaffLink } from '@proximite/contract';
import type { Config } from '../config.js';
import type { Queryable } from '../db/database.js';
import { insertLink } from '../store/staff-links.js';
import type { LinkKind } from '../store/staff-links.js';

/** The fragment key of the secret in a link (a fragment never reaches servers, logs or referrers). */
export const LINK_FRAGMENT = 'proximite-link';

/** Delivers a link to its owner; resolves `true` when sent. */
export type StaffLinkSender = (
  to: { email: string; displayName: string },
  link: { kind: LinkKind; url: string; expiresAt: string },
) => Promise<boolean>;

/** How long a link of `kind` lives. */
export function linkTtlMs(config: Config, kind: LinkKind): number {
  return kind === 'invitation' ? config.invitationHours * 3_600_000 : config.passwordResetMinutes * 60_000;
}

/** Where links point: the staff console's page (configured), else `/staff/` of the public base URL. */
export function linkUrl(config: Config, baseUrl: string, secret: string): string {
  const page = config.staffConsoleUrl ?? `${baseUrl}/staff/`;
  return `${page.split('#')[0]}#${LINK_FRAGMENT}=${secret}`;
}

export interface IssuedLink {
  link: StaffLink;
  /** The link itself, for the caller to show when it was not delivered. */
  url: string;
}

/** Creates a link for an account (in the caller's transaction). Delivery happens after commit: {@link deliverLink}. */
export async function createLink(
  tx: Queryable,
  now: Date,
  config: Config,
  baseUrl: string,
  staffId: string,
  kind: LinkKind,
): Promise<{ url: string; expiresAt: string; kind: LinkKind }> {
  const { secret, expiresAt } = await insertLink(tx, now, { staffId, kind, ttlMs: linkTtlMs(config, kind) });
  return { url: linkUrl(config, baseUrl, secret), expiresAt: expiresAt.toISOString(), kind };
}

/** Sends a created link when a sender is configured; the answer says whether it went. */
export async function deliverLink(
  sender: StaffLinkSender | undefined,
  to: { email: string; displayName: string },
  created: { url: string; expiresAt: string; kind: LinkKind },
): Promise<IssuedLink> {
  let delivered = false;
  if (sender !== undefined) {
    try {
      delivered = await sender(to, created);
    } catch {
      delivered = false;
    }
  }
  return {
    url: created.url,
    link: {
      kind: created.kind,
      expiresAt: created.expiresAt,
      delivered,
      ...(delivered ? {} : { url: created.url }),
    },
  };
}
