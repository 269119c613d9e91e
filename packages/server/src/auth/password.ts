/**
 * Password hashing with scrypt (RFC 7914) from `node:crypto`: memory-hard, no native package.
 * Stored as a PHC string with its parameters (`$scrypt$ln=15,r=8,p=3$<salt>$<hash>`, base64 without
 * padding), so stronger parameters can come later: a hash made with weaker ones is replaced at the
 * next successful sign-in ({@link needsRehash}).
 *
 * Parameters: N = 2^15, r = 8, p = 3 (32 MiB, one of the equivalent scrypt settings of the OWASP
 * Password Storage Cheat Sheet), a 16-byte random salt, a 32-byte key.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  ln: number;
  r: number;
  p: number;
}

export const SCRYPT_PARAMS: Readonly<ScryptParams> = { ln: 15, r: 8, p: 3 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function scrypt(password: string, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.ln;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 2 * 128 * N * params.r };
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFKC'), salt, keyLength, options, (error, key) =>
      error === null ? resolve(key) : reject(error),
    );
  });
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

/** Hashes a password with fresh salt and the current parameters. */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await scrypt(password, salt, KEY_LENGTH, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

interface Parsed {
  params: ScryptParams;
  salt: Buffer;
  key: Buffer;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function parse(stored: string): Parsed | undefined {
  const m = PHC.exec(stored);
  if (m === null) return undefined;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // Refuse parameters that would exhaust memory or time (a tampered row must not take the server down).
  if (params.ln < 10 || params.ln > 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16)
    return undefined;
  return { params, salt: Buffer.from(m[4] ?? '', 'base64'), key: Buffer.from(m[5] ?? '', 'base64') };
}

let dummy: Promise<string> | undefined;

/**
 * Checks `password` against a stored hash in constant time. With no stored hash (unknown account,
 * no password yet) it still does the same work against a dummy hash and answers `false`, so the
 * answer takes as long whether or not the account exists.
 */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = stored === null || stored === undefined ? undefined : parse(stored);
  if (parsed === undefined) {
    dummy ??= hashPassword('proximite dummy password');
    const d = parse(await dummy) as Parsed;
    await scrypt(password, d.salt, d.key.length, d.params);
    return false;
  }
  const key = await scrypt(password, parsed.salt, parsed.key.length, parsed.params);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash was made with other parameters than the current ones. */
export function needsRehash(stored: string, params: ScryptParams = SCRYPT_PARAMS): boolean {
  const parsed = parse(stored);
  return (
    parsed === undefined ||
    parsed.params.ln !== params.ln ||
    parsed.params.r !== params.r ||
    parsed.params.p !== params.p
  );
}
