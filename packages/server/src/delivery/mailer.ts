/**
 * E-mail over SMTP with nodemailer (`PROXIMITE_SMTP_URL`, e.g. `smtps://user:pass@smtp.ville.fr`
 * or `smtp://relay.ville.fr:25`; `PROXIMITE_MAIL_FROM`, e.g. `Proximité <proximite@ville.fr>`).
 * Each message carries the Message-ID fixed when it was queued, so that a message sent twice after
 * a crash is recognised as one by mail systems and by the tests.
 *
 * A reply code 5xx is a permanent refusal (RFC 5321 § 4.2.1: the client should not repeat the
 * request): the delivery is marked failed at once, shown, summarised and retryable by hand. Every
 * other error (4xx, connection refused, time-out) is retried.
 */
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  /** `<id@domain>`, fixed for every attempt. */
  messageId: string;
  /** The message's main language (Content-Language). */
  lang: string;
  headers?: Record<string, string>;
}

export interface MailResult {
  accepted: string[];
  response: string;
}

/** Sends mail; rejects with {@link MailError}. */
export interface Mailer {
  /** The address messages come from (its domain names Message-IDs). */
  readonly from: string;
  /** The longest an attempt can take (connection, greeting and socket time-outs), ms. */
  readonly timeoutMs: number;
  send(mail: OutgoingMail): Promise<MailResult>;
  close(): void;
}

export class MailError extends Error {
  readonly permanent: boolean;
  readonly responseCode: number | undefined;
  constructor(message: string, permanent: boolean, responseCode?: number) {
    super(message);
    this.name = 'MailError';
    this.permanent = permanent;
    this.responseCode = responseCode;
  }
}

export interface SmtpOptions {
  url: string;
  from: string;
  /** Connection, greeting and socket time-outs, ms (default 15 000 each). */
  timeoutMs?: number;
}

/** The domain of a From address (`Name <a@b.fr>` → `b.fr`). */
export function mailDomain(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const domain = address.split('@')[1]?.trim().toLowerCase();
  return domain !== undefined && /^[a-z0-9.-]+$/.test(domain) ? domain : 'proximite.invalid';
}

/** A nodemailer SMTP transport behind {@link Mailer}. */
export function smtpMailer(options: SmtpOptions): Mailer {
  const timeout = options.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport(options.url, {
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    disableFileAccess: true,
    disableUrlAccess: true,
  } as Parameters<typeof nodemailer.createTransport>[1]);
  return {
    from: options.from,
    // Connection, greeting, and each exchange of the session.
    timeoutMs: timeout * 3,
    async send(mail) {
      try {
        const info = (await transport.sendMail({
          from: options.from,
          to: [...mail.to],
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: {
            'Content-Language': mail.lang,
            'Auto-Submitted': 'auto-generated',
            ...mail.headers,
          },
        })) as { accepted?: unknown[]; rejected?: unknown[]; response?: string };
        const rejected = (info.rejected ?? []).map(String);
        if (rejected.length > 0 && (info.accepted ?? []).length === 0)
          throw new MailError(`every recipient was refused: ${rejected.join(', ')}`, true);
        return { accepted: (info.accepted ?? []).map(String), response: String(info.response ?? '') };
      } catch (error) {
        if (error instanceof MailError) throw error;
        const e = error as { message?: string; responseCode?: number; code?: string; response?: string };
        const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
        const permanent = code !== undefined && code >= 500 && code < 600;
        const what = e.response ?? e.message ?? String(error);
        throw new MailError(
          `${code !== undefined ? `SMTP ${code}: ` : e.code ? `${e.code}: ` : ''}${what}`.slice(0, 500),
          permanent,
          code,
        );
      }
    },
    close() {
      transport.close();
    },
  };
}
