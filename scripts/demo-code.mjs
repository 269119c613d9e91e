#!/usr/bin/env node
// `npm run demo:code`: prints the current six-digit code of the demo's admin and coordinator
// accounts (seeded by `npm start`; README « Console des agents »), computed from their public
// DEMO-ONLY TOTP secret — the code an authenticator app holding that secret would show.
// TOTP per RFC 6238 (HMAC-SHA-1 over the 30-second step, RFC 4226 dynamic truncation, 6 digits).
import { createHmac } from 'node:crypto';
import { pathToFileURL } from 'node:url';

/** The demo's TOTP secret (packages/server/src/seed-demo-staff.ts). DEMO ONLY. */
export const DEMO_TOTP_SECRET = 'PROXIMITEDEMOAMIENSCAFEPOLICIER2';

/** RFC 4648 base32 → bytes. */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/=+$/, '').toUpperCase()) {
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error(`not base32: ${c}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The TOTP code of `secret` at `ms` (milliseconds since the epoch). */
export function totpCode(secret, ms = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(ms / 1000 / 30)));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const now = Date.now();
  const left = 30 - (Math.floor(now / 1000) % 30);
  console.log(
    `${totpCode(DEMO_TOTP_SECRET, now)}  (demo accounts only; valid ${left} s more, then the next one)`,
  );
}
