/**
 * TOTP second factor (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps — what every authenticator
 * app reads from an `otpauth://` URI) with `otpauth`, which compares codes in constant time. A code
 * is accepted within one step of the server's clock, and never twice: the step of the last accepted
 * code is stored, and an older or equal step is refused.
 */
import { generate } from 'lean-qr';
import { toSvgDataURL } from 'lean-qr/extras/svg';
import { Secret, TOTP } from 'otpauth';
import type { Queryable } from '../db/database.js';

const PERIOD = 30;
const DIGITS = 6;
const ALGORITHM = 'SHA1';

/** A new random secret (160 bits, RFC 4226 § 4), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, issuer = 'Proximité', label = 'staff'): TOTP {
  return new TOTP({
    issuer,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: PERIOD,
  });
}

/** The `otpauth://totp/…` URI an authenticator app reads (typed in, or scanned as a QR code). */
export function totpUri(secret: string, issuer: string, label: string): string {
  return totp(secret, issuer, label).toString();
}

/** The URI as a QR code: an SVG `data:` URL, for an `<img src>` (allowed by a strict CSP's `img-src data:`). */
export function qrCodeDataUrl(text: string): string {
  return toSvgDataURL(generate(text), { on: 'black', off: 'white', pad: 4, scale: 1 });
}

/** The code of `secret` at `at` (tests, and the CLI's checks). */
export function totpCode(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}

/** The time step a code is valid for, within one step of `now`; `undefined` if none. */
export function totpStep(secret: string, code: string, now: Date): number | undefined {
  if (!/^[0-9]{6}$/.test(code)) return undefined;
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return undefined;
  return TOTP.counter({ period: PERIOD, timestamp: now.getTime() }) + delta;
}

/**
 * Checks a code against an account's secret (`pending`: the secret being enrolled) and records its
 * step, refusing a step already used. Returns the step, or `undefined` for a wrong or replayed code.
 */
export async function checkTotp(
  db: Queryable,
  now: Date,
  staff: { member: { id: string }; totpSecret: string | null },
  code: string,
): Promise<number | undefined> {
  if (staff.totpSecret === null) return undefined;
  const step = totpStep(staff.totpSecret, code, now);
  if (step === undefined) return undefined;
  const rows = await db.query(
    `UPDATE staff SET totp_last_step = $2
      WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
    [staff.member.id, step],
  );
  return rows.length > 0 ? step : undefined;
}
