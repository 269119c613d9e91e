/** Server configuration, read from the environment (documented in the package README). */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  /** PostgreSQL connection string; empty → PGlite. */
  databaseUrl: string | undefined;
  /** PGlite data directory. */
  dataDir: string;
  /** Origins allowed to POST (and to call the admin API from a browser). */
  allowedOrigins: string[];
  /** Public base URL (e.g. https://proximite.amiens.fr); else derived from each request. */
  publicUrl: string | undefined;
  /** Domain of iCalendar UIDs (`<id>@<domain>`); else the request's host name. */
  calendarDomain: string | undefined;
  /** POSTs allowed per client and minute; 0 lifts the limit. */
  rateLimitPerMinute: number;
  /**
   * Status lookups by tracking code allowed per client and minute (twice as many per reference,
   * whoever asks); 0 lifts the limit. The 50-bit code stays out of reach of guessing.
   */
  lookupRateLimitPerMinute: number;
  /** Trust `X-Forwarded-For` (behind a reverse proxy) to identify clients. */
  trustProxy: boolean;
  /** Salt of client IP hashes; else a random salt stored in the database (shared by instances). */
  ipSalt: string | undefined;
  /** A concern sent faster than this after the form was shown is quarantined (soft signal). */
  minFillSeconds: number;
  /** Retention: contact details are erased this many days after a concern is closed. */
  contactRetentionDays: number;
  /** Retention: contact details are erased this many days after submission, closed or not. */
  contactMaxDays: number;
  /** Retention: closed concerns are deleted this many days after closure. */
  closedRetentionDays: number;
  /** Idempotency keys are kept this many hours (at least 24). */
  idempotencyHours: number;
  /** Open311 `jurisdiction_id` this server answers for (any when unset). */
  jurisdictionId: string | undefined;
  /** Open311 GET requests show description, address and position (off: they may be personal). */
  open311PublicDetails: boolean;
  /** Demo page folder served at `/` (when it exists). */
  staticDir: string;
  /** Browser bundles folder served at `/bundles/` (when it exists). */
  bundlesDir: string;
  /** In-process response cache for public GETs (validated against the database's content versions). */
  responseCache: boolean;
  /** How long (ms) an instance trusts the content versions it read (writes elsewhere show within it). */
  versionTtlMs: number;
  /** Cache-Control max-age / s-maxage / stale-while-revalidate of public GETs, in seconds. */
  maxAge: number;
  sMaxAge: number;
  staleWhileRevalidate: number;
  /** A staff session ends after this many minutes without a request. */
  sessionIdleMinutes: number;
  /** … and this many hours after sign-in in any case. */
  sessionMaxHours: number;
  /** Admins and coordinators must sign in with a second factor (TOTP); off only if the city decides so. */
  requireSecondFactor: boolean;
  /**
   * The page where the staff console is embedded: invitation and password-reset links point there
   * (`<url>#proximite-link=<secret>`). Default: `<public URL>/staff/`.
   */
  staffConsoleUrl: string | undefined;
  /** Invitation links expire after this many hours. */
  invitationHours: number;
  /** Password-reset links expire after this many minutes. */
  passwordResetMinutes: number;
  /** The issuer authenticator apps show beside the code (e.g. « Proximité — Ville d’Amiens »). */
  totpIssuer: string;
  /** Single sign-on providers (`PROXIMITE_OIDC_PROVIDERS` and `PROXIMITE_OIDC_<ID>_*`). */
  oidcProviders: OidcProviderConfig[];
  /** SMTP server of outgoing e-mail (`smtp://` or `smtps://`, credentials in the URL); none: e-mails wait. */
  smtpUrl: string | undefined;
  /** The From of outgoing e-mail, e.g. `Proximité <proximite@ville.fr>` (its domain names Message-IDs). */
  mailFrom: string;
  /** Let webhooks and Open311 forwarding reach private, loopback and link-local addresses (and plain http). */
  webhookAllowPrivate: boolean;
  /** This instance runs a delivery worker (every instance may; they share the queue). */
  deliveryWorker: boolean;
  /** A failing delivery is retried this many hours before it is marked failed (at least 24). */
  deliveryRetryHours: number;
  /** Messages one worker sends at once. */
  deliveryConcurrency: number;
  /** Open311 statuses of forwarded concerns are read back every this many minutes. */
  open311PollMinutes: number;
  /** Local hour (Europe/Paris) of the daily summary of failed deliveries. */
  failureSummaryHour: number;
  /**
   * The page with the concern form that residents' e-mails link to (`<url>#ref=…&token=…`: the
   * fragment never travels in a Referer). Default: `<public URL>/`, the demo page.
   */
  statusPageUrl: string | undefined;
  /**
   * The page with the café calendar that a calendar app's event links to (the .ics `URL` of a
   * café without its own `url`), `PROXIMITE_CAFES_PAGE_URL`. Default: `<public URL>/`, the demo page.
   */
  cafesPageUrl: string | undefined;
  /** The verdict question is e-mailed this many days after closure (`PROXIMITE_VERDICT_DELAY_DAYS`). */
  verdictDelayDays: number;
  /** How often closed concerns are looked at for their verdict question (`PROXIMITE_VERDICT_POLL_SECONDS`). */
  verdictPollSeconds: number;
}

/**
 * The OpenID Connect providers of `PROXIMITE_OIDC_PROVIDERS=proconnect,keycloak`, each described
 * by `PROXIMITE_OIDC_<ID>_ISSUER`, `_CLIENT_ID`, `_CLIENT_SECRET`, `_NAME`, `_SCOPES`,
 * `_EMAIL_CLAIM`, `_ACR_VALUES`, `_USERINFO_SIGNED_ALG`.
 */
export function oidcProvidersFromEnv(env: NodeJS.ProcessEnv): OidcProviderConfig[] {
  const ids = (env.PROXIMITE_OIDC_PROVIDERS ?? '')
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter((id) => id !== '');
  return ids.map((id) => {
    if (!/^[a-z0-9][a-z0-9_-]{0,31}$/.test(id))
      throw new Error(`PROXIMITE_OIDC_PROVIDERS: invalid id "${id}"`);
    const key = (name: string) => env[`PROXIMITE_OIDC_${id.toUpperCase().replace(/-/g, '_')}_${name}`];
    const issuer = str(key('ISSUER'));
    const clientId = str(key('CLIENT_ID'));
    if (issuer === undefined || clientId === undefined)
      throw new Error(`OpenID Connect provider "${id}": set its _ISSUER and _CLIENT_ID`);
    return {
      id,
      name: str(key('NAME')) ?? id,
      issuer,
      clientId,
      clientSecret: str(key('CLIENT_SECRET')),
      scopes: str(key('SCOPES')) ?? 'openid email profile',
      emailClaim: str(key('EMAIL_CLAIM')) ?? 'email',
      acrValues: str(key('ACR_VALUES')),
      userinfoSignedAlg: str(key('USERINFO_SIGNED_ALG')),
    };
  });
}

/** An OpenID Connect provider staff may sign in with (authorization code + PKCE). */
export interface OidcProviderConfig {
  /** Short id in URLs (`proconnect`, `keycloak`, `entra`). */
  id: string;
  /** Label of the sign-in button. */
  name: string;
  /** Issuer URL (its `/.well-known/openid-configuration` is read). */
  issuer: string;
  clientId: string;
  /** Absent: a public client (PKCE only). */
  clientSecret: string | undefined;
  /** Scopes asked (`openid email` at least). */
  scopes: string;
  /** The claim holding the e-mail (Entra: `email` needs the optional claim, or use `preferred_username`). */
  emailClaim: string;
  /** `acr_values` to ask (ProConnect: `eidas1`). */
  acrValues: string | undefined;
  /** The provider signs its UserInfo answers with this algorithm (ProConnect: RS256). */
  userinfoSignedAlg: string | undefined;
}

/** The repository root when running from this checkout (packages/server/src → ../../..). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`expected a non-negative number, got "${value}"`);
  return Math.floor(n);
}

function bool(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

function str(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** Configuration from environment variables, with defaults. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: str(env.DATABASE_URL),
    dataDir: str(env.PROXIMITE_DATA_DIR) ?? join(process.cwd(), '.proximite', 'data'),
    allowedOrigins: (env.PROXIMITE_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter((o) => o !== '' && o !== 'null'),
    publicUrl: str(env.PROXIMITE_PUBLIC_URL)?.replace(/\/+$/, ''),
    calendarDomain: str(env.PROXIMITE_CALENDAR_DOMAIN),
    rateLimitPerMinute: int(env.PROXIMITE_RATE_LIMIT, 60),
    lookupRateLimitPerMinute: int(env.PROXIMITE_LOOKUP_RATE_LIMIT, 10),
    trustProxy: bool(env.PROXIMITE_TRUST_PROXY),
    ipSalt: str(env.PROXIMITE_IP_SALT),
    minFillSeconds: int(env.PROXIMITE_MIN_FILL_SECONDS, 3),
    contactRetentionDays: int(env.PROXIMITE_RETENTION_CONTACT_DAYS, 90),
    contactMaxDays: int(env.PROXIMITE_RETENTION_CONTACT_MAX_DAYS, 365),
    closedRetentionDays: int(env.PROXIMITE_RETENTION_CLOSED_DAYS, 365),
    idempotencyHours: Math.max(24, int(env.PROXIMITE_IDEMPOTENCY_HOURS, 48)),
    jurisdictionId: str(env.PROXIMITE_OPEN311_JURISDICTION),
    open311PublicDetails: bool(env.PROXIMITE_OPEN311_PUBLIC_DETAILS),
    staticDir: str(env.PROXIMITE_STATIC_DIR) ?? join(REPO_ROOT, 'examples', 'demo'),
    bundlesDir: str(env.PROXIMITE_BUNDLES_DIR) ?? join(REPO_ROOT, 'bundles'),
    responseCache: !bool(env.PROXIMITE_NO_RESPONSE_CACHE),
    versionTtlMs: int(env.PROXIMITE_VERSION_TTL_MS, 1000),
    maxAge: int(env.PROXIMITE_MAX_AGE, 60),
    sMaxAge: int(env.PROXIMITE_S_MAXAGE, 300),
    staleWhileRevalidate: int(env.PROXIMITE_STALE_WHILE_REVALIDATE, 600),
    sessionIdleMinutes: Math.max(1, int(env.PROXIMITE_SESSION_IDLE_MINUTES, 30)),
    sessionMaxHours: Math.max(1, int(env.PROXIMITE_SESSION_MAX_HOURS, 12)),
    requireSecondFactor: !/^(0|false|no|off)$/i.test((env.PROXIMITE_REQUIRE_2FA ?? '').trim()),
    staffConsoleUrl: str(env.PROXIMITE_STAFF_CONSOLE_URL),
    invitationHours: Math.max(1, int(env.PROXIMITE_INVITATION_HOURS, 168)),
    passwordResetMinutes: Math.max(5, int(env.PROXIMITE_PASSWORD_RESET_MINUTES, 60)),
    totpIssuer: str(env.PROXIMITE_TOTP_ISSUER) ?? 'Proximité',
    oidcProviders: oidcProvidersFromEnv(env),
    smtpUrl: str(env.PROXIMITE_SMTP_URL),
    mailFrom: str(env.PROXIMITE_MAIL_FROM) ?? 'Proximité <proximite@localhost>',
    webhookAllowPrivate: bool(env.PROXIMITE_WEBHOOK_ALLOW_PRIVATE),
    deliveryWorker: !/^(0|false|no|off)$/i.test((env.PROXIMITE_DELIVERY_WORKER ?? '').trim()),
    deliveryRetryHours: Math.max(24, int(env.PROXIMITE_DELIVERY_RETRY_HOURS, 24)),
    deliveryConcurrency: Math.max(1, int(env.PROXIMITE_DELIVERY_CONCURRENCY, 4)),
    open311PollMinutes: Math.max(1, int(env.PROXIMITE_OPEN311_POLL_MINUTES, 15)),
    failureSummaryHour: Math.min(23, int(env.PROXIMITE_FAILURE_SUMMARY_HOUR, 8)),
    statusPageUrl: str(env.PROXIMITE_STATUS_PAGE_URL),
    cafesPageUrl: str(env.PROXIMITE_CAFES_PAGE_URL),
    verdictDelayDays: Math.max(0, int(env.PROXIMITE_VERDICT_DELAY_DAYS, 14)),
    verdictPollSeconds: Math.max(1, int(env.PROXIMITE_VERDICT_POLL_SECONDS, 900)),
  };
}

/** A configuration for tests and embedding: defaults, in-memory PGlite, overridden by `partial`. */
export function testConfig(partial: Partial<Config> = {}): Config {
  return { ...configFromEnv({}), databaseUrl: undefined, dataDir: 'memory://', ...partial };
}
