/** The demo's public TOTP secret (DEMO ONLY). */
export declare const DEMO_TOTP_SECRET: string;
/** The RFC 6238 code of `secret` at `ms` (default: now). */
export declare function totpCode(secret: string, ms?: number): string;
