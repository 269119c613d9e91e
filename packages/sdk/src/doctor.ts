/**
 * `doctor`: what will and will not work when the widgets of a site talk to a backend — reading the
 * cafés, rights and figures, loading the widgets' script, and sending reports, which a backend
 * accepts only from the origins it allows (CORS; `PROXIMITE_ALLOWED_ORIGINS` on the reference
 * server). A refused origin looks like a network failure to the page: this says which it is.
 *
 * The same checks run in two places:
 * - in Node (`npx proximite doctor --origin https://www.your-city.example <api>`), sending the
 *   `Origin` header a browser on that site would send, and the CORS preflight of a report, without
 *   sending any report;
 * - in a browser console on the site itself (`(await import('<api>/bundles/cdn/proximite-doctor.js'))
 *   .doctor('<api>')`), where the browser sets the origin and enforces CORS: the report check then
 *   sends an empty report, which the backend refuses as invalid (nothing is stored) when it
 *   accepts the origin at all.
 *
 * Not part of the widgets' bundles: a module of its own (`@proximite/sdk/doctor.js`).
 */

/** One check: what it covers, whether it works from that origin, and why. */
export interface DoctorCheck {
  id: 'reads' | 'reports' | 'script';
  /** What residents get when it works, in plain words. */
  what: string;
  /** `true` works, `false` does not, `undefined` could not be told (e.g. not served by this backend). */
  ok: boolean | undefined;
  detail: string;
  /** What to change, when it does not work. */
  fix?: string;
}

export interface DoctorReport {
  /** The backend's base URL, as given. */
  api: string;
  /** The site's origin the checks were made for. */
  origin: string;
  checks: DoctorCheck[];
  /** Every check that could be told works. */
  ok: boolean;
}

export interface DoctorOptions {
  /** Base URL of the backend (`api` attribute of the widgets). */
  api: string;
  /**
   * The site's origin (`https://www.your-city.example`). In Node it is required and sent as the
   * `Origin` header; in a browser the page's own origin is used (a browser sets the header itself).
   */
  origin?: string;
  /** A `fetch` implementation (default: the global one). */
  fetch?: typeof globalThis.fetch;
  /** Per-request timeout, ms. Default 10 000. */
  timeout?: number;
}

const inBrowser = (): boolean => typeof document !== 'undefined' && typeof location !== 'undefined';

function join(api: string, path: string): string {
  return new URL(path.replace(/^\//, ''), api.endsWith('/') ? api : `${api}/`).href;
}

/** An origin as a browser sends it: scheme, host and port, no path. */
export function normalizeOrigin(origin: string): string {
  const url = new URL(origin);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`not a web origin: ${origin}`);
  return url.origin;
}

/** Runs the checks; never throws for a failing backend (a failure is a check's `ok: false`). */
export async function checkOrigin(options: DoctorOptions): Promise<DoctorReport> {
  const browser = inBrowser();
  const origin = normalizeOrigin(options.origin ?? (browser ? location.origin : ''));
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeout = options.timeout ?? 10_000;
  const call = async (path: string, init: RequestInit = {}): Promise<Response | Error> => {
    try {
      const headers = new Headers(init.headers);
      // In Node, speak as a browser on that site would; a browser sets Origin by itself.
      if (!browser) headers.set('origin', origin);
      return await fetchFn(join(options.api, path), {
        ...init,
        headers,
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      // Node's fetch says "fetch failed" and keeps the reason (ECONNREFUSED…) in `cause`.
      const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
      const why = cause?.code ?? cause?.message;
      return new Error(
        `${error instanceof Error ? error.message : String(error)}${why ? ` (${String(why)})` : ''}`,
      );
    }
  };
  const allows = (response: Response) => {
    const allowed = response.headers.get('access-control-allow-origin');
    return allowed === '*' || allowed === origin;
  };
  const checks: DoctorCheck[] = [];

  // 1. Reads: what every widget does first.
  const read = await call('/v1/concern-categories');
  const readsOk = !(read instanceof Error) && read.ok && (browser || allows(read));
  checks.push({
    id: 'reads',
    what: 'reading cafés, categories, rights and figures (GET /v1/…)',
    ok: readsOk,
    detail:
      read instanceof Error
        ? `no response: ${read.message} (wrong URL, the backend down, or its reads are not open to other origins)`
        : !read.ok
          ? `HTTP ${read.status} on GET /v1/concern-categories`
          : readsOk
            ? `HTTP ${read.status}, Access-Control-Allow-Origin: ${read.headers.get('access-control-allow-origin') ?? '(set)'}`
            : 'the answer has no Access-Control-Allow-Origin for this origin: browsers will not let the page read it',
    ...(!readsOk && {
      fix: 'check the api URL; public reads must answer Access-Control-Allow-Origin: * (the reference server does)',
    }),
  });

  // 2. Reports: allowed origins only.
  let reports: DoctorCheck;
  const fix =
    `on the reference server, add ${origin} to PROXIMITE_ALLOWED_ORIGINS (comma-separated, exact ` +
    `origins: PROXIMITE_ALLOWED_ORIGINS=${origin}) and restart it; another backend must allow this origin for POST`;
  const what = 'sending reports (POST /v1/concerns) and reaching the admin API from this site';
  if (browser) {
    // The browser makes the CORS preflight; an empty report is refused as invalid if it gets through.
    const sent = await call('/v1/concerns', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `doctor-${crypto.randomUUID()}` },
      body: '{}',
    });
    reports =
      sent instanceof Error
        ? {
            id: 'reports',
            what,
            ok: readsOk ? false : undefined,
            detail: readsOk
              ? 'refused: the backend answers reads but the browser blocked the report (CORS). Residents read « Ce signalement n’a pas pu être envoyé depuis ce site »'
              : `no response: ${sent.message}`,
            ...(readsOk && { fix }),
          }
        : {
            id: 'reports',
            what,
            ok: sent.status !== 403,
            detail: `the backend answered HTTP ${sent.status} to an empty report (nothing stored)`,
            ...(sent.status === 403 && { fix }),
          };
  } else {
    const preflight = await call('/v1/concerns', {
      method: 'OPTIONS',
      headers: {
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, idempotency-key',
      },
    });
    const methods =
      preflight instanceof Error ? '' : (preflight.headers.get('access-control-allow-methods') ?? '');
    const headers =
      preflight instanceof Error ? '' : (preflight.headers.get('access-control-allow-headers') ?? '');
    const ok =
      !(preflight instanceof Error) &&
      preflight.ok &&
      allows(preflight) &&
      /\bPOST\b/i.test(methods) &&
      /\bcontent-type\b/i.test(headers) &&
      /\bidempotency-key\b/i.test(headers);
    reports = {
      id: 'reports',
      what,
      ok: preflight instanceof Error ? undefined : ok,
      detail:
        preflight instanceof Error
          ? `no response to the CORS preflight: ${preflight.message}`
          : ok
            ? `the CORS preflight allows ${origin} (POST with Content-Type and Idempotency-Key)`
            : `the CORS preflight refuses ${origin} (HTTP ${preflight.status}${
                preflight.headers.get('access-control-allow-origin')
                  ? `, Access-Control-Allow-Origin: ${preflight.headers.get('access-control-allow-origin')}`
                  : ', no Access-Control-Allow-Origin'
              }): browsers will block every report, and residents read « Ce signalement n’a pas pu être envoyé depuis ce site »`,
      ...(!(preflight instanceof Error) && !ok && { fix }),
    };
  }
  checks.push(reports);

  // 3. The widgets' script, when this backend serves it (a module script needs CORS across origins).
  const script = await call('/bundles/cdn/proximite.js', { method: 'HEAD' });
  checks.push({
    id: 'script',
    what: "loading the widgets' script from this backend (/bundles/cdn/proximite.js)",
    ok:
      script instanceof Error || script.status === 404 ? undefined : script.ok && (browser || allows(script)),
    detail:
      script instanceof Error
        ? `no response: ${script.message}`
        : script.status === 404
          ? 'not served by this backend (the page loads the script from elsewhere: check that server instead)'
          : `HTTP ${script.status}${script.ok && !browser && !allows(script) ? ', no Access-Control-Allow-Origin: a module script from another origin will not load' : ''}`,
  });

  return { api: options.api, origin, checks, ok: checks.every((c) => c.ok !== false) };
}

/** The report as lines of text (✔ works, ✘ does not, ? could not tell). */
export function formatDoctorReport(report: DoctorReport): string[] {
  const lines = [`Proximité doctor: ${report.api} seen from ${report.origin}`];
  for (const check of report.checks) {
    lines.push(`${check.ok === true ? '✔' : check.ok === false ? '✘' : '?'} ${check.what}`);
    lines.push(`    ${check.detail}`);
    if (check.fix) lines.push(`    fix: ${check.fix}`);
  }
  lines.push(
    report.ok ? 'Everything checked works from this origin.' : 'Something will not work from this origin.',
  );
  return lines;
}

/** For a browser console: runs the checks for this page's origin, prints them, returns the report. */
export async function doctor(api: string, options: Omit<DoctorOptions, 'api'> = {}): Promise<DoctorReport> {
  const report = await checkOrigin({ ...options, api });
  console.log(formatDoctorReport(report).join('\n'));
  return report;
}
