/**
 * Outgoing HTTP for webhooks and Open311 forwarding, guarded against server-side request forgery:
 * the host name is resolved first and every address it resolves to is checked — loopback,
 * private (RFC 1918), carrier-grade NAT, link-local, unique-local (fc00::/7), multicast, reserved,
 * documentation and IPv4-mapped/translated IPv6 forms of those are refused unless the operator
 * allows private addresses (`PROXIMITE_WEBHOOK_ALLOW_PRIVATE=1`). The connection then goes to the
 * address that was checked (no second lookup a DNS rebinding could answer differently); TLS still
 * verifies the certificate against the host name. Redirects are not followed, each request has a
 * time-out, and a response body longer than the limit is cut off.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';

/** Why an outgoing request was refused or failed. */
export class OutgoingRequestError extends Error {
  /** `refused`: the target is not allowed (SSRF rule, scheme); `network`, `timeout`, `too-large`. */
  readonly kind: 'refused' | 'network' | 'timeout' | 'too-large';
  /**
   * Whether the connection was open when the request failed, so the receiver may have read the
   * request (and acted on it) although its answer never came. `false`: nothing was sent (refused,
   * no address, connection refused or not established in time).
   */
  readonly connected: boolean;
  constructor(kind: OutgoingRequestError['kind'], message: string, connected = false) {
    super(message);
    this.name = 'OutgoingRequestError';
    this.kind = kind;
    this.connected = connected;
  }
}

const blocked = /* @__PURE__ */ (() => {
  const list = new BlockList();
  const v4: [string, number][] = [
    ['0.0.0.0', 8], // "this network"
    ['10.0.0.0', 8], // private (RFC 1918)
    ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
    ['127.0.0.0', 8], // loopback
    ['169.254.0.0', 16], // link-local (cloud metadata at 169.254.169.254)
    ['172.16.0.0', 12], // private
    ['192.0.0.0', 24], // IETF protocol assignments
    ['192.0.2.0', 24], // documentation
    ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
    ['192.168.0.0', 16], // private
    ['198.18.0.0', 15], // benchmarking
    ['198.51.100.0', 24], // documentation
    ['203.0.113.0', 24], // documentation
    ['224.0.0.0', 4], // multicast
    ['240.0.0.0', 4], // reserved, and 255.255.255.255
  ];
  for (const [net, prefix] of v4) list.addSubnet(net, prefix, 'ipv4');
  const v6: [string, number][] = [
    ['::', 128], // unspecified
    ['::1', 128], // loopback
    ['fc00::', 7], // unique local (RFC 4193)
    ['fe80::', 10], // link-local
    ['fec0::', 10], // site-local (deprecated)
    ['ff00::', 8], // multicast
    ['2001:db8::', 32], // documentation
    ['100::', 64], // discard-only
  ];
  for (const [net, prefix] of v6) list.addSubnet(net, prefix, 'ipv6');
  return list;
})();

/** The IPv4 address an IPv6 address carries (mapped, translated, compatible, NAT64, 6to4), if any. */
function embeddedIpv4(address: string): string | undefined {
  const g = expandIpv6(address.toLowerCase());
  if (g === undefined) return undefined;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated), ::a.b.c.d (compatible, deprecated)
  if (zeros(0, 5) && g[5] === 0xffff) return v4(g[6] ?? 0, g[7] ?? 0);
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return v4(g[6] ?? 0, g[7] ?? 0);
  if (zeros(0, 6)) return v4(g[6] ?? 0, g[7] ?? 0);
  // 64:ff9b::/96 (NAT64, RFC 6052)
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4(g[6] ?? 0, g[7] ?? 0);
  // 2002::/16 (6to4, RFC 3056): the IPv4 address is in the second and third groups.
  if (g[0] === 0x2002) return v4(g[1] ?? 0, g[2] ?? 0);
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (without a zone). */
function expandIpv6(address: string): number[] | undefined {
  const bare = address.split('%')[0] ?? '';
  let text = bare;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(bare)?.[1];
  if (v4 !== undefined) {
    const p = v4.split('.').map(Number);
    text = `${bare.slice(0, -v4.length)}${(((p[0] ?? 0) << 8) | (p[1] ?? 0)).toString(16)}:${(((p[2] ?? 0) << 8) | (p[3] ?? 0)).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const a = head === '' ? [] : head.split(':');
  const b = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - a.length - b.length;
  if (tail === undefined ? a.length !== 8 : missing < 0) return undefined;
  const groups = [...a, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...b].map((g) =>
    Number.parseInt(g, 16),
  );
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : undefined;
}

/** Whether `address` (an IP literal) is loopback, private, link-local, unique-local or otherwise not public. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const bare = address.split('%')[0] ?? address;
    if (blocked.check(bare, 'ipv6')) return true;
    const v4 = embeddedIpv4(bare);
    return v4 !== undefined && blocked.check(v4, 'ipv4');
  }
  return true;
}

export interface SafeRequestOptions {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Whole request, ms (default 15 000). */
  timeoutMs?: number;
  /** Longest response body kept, bytes (default 64 KB); longer is an error. */
  maxBytes?: number;
  /** Allow private, loopback and link-local targets, and plain http (PROXIMITE_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate: boolean;
  /** Resolver (tests). */
  resolve?: (host: string) => Promise<LookupAddress[]>;
}

export interface SafeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** The address connected to. */
  address: string;
}

/** Checks `url` and returns the address to connect to (throws `refused` when not allowed). */
export async function checkTarget(
  url: URL,
  allowPrivate: boolean,
  resolve: (host: string) => Promise<LookupAddress[]> = (host) =>
    dnsLookup(host, { all: true, verbatim: true }),
): Promise<LookupAddress> {
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:'))
    throw new OutgoingRequestError('refused', `refused: ${url.protocol} URLs are not allowed (https only)`);
  if (url.username !== '' || url.password !== '')
    throw new OutgoingRequestError('refused', 'refused: URLs with credentials are not allowed');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let addresses: LookupAddress[];
  if (isIP(host) !== 0) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      throw new OutgoingRequestError('network', `cannot resolve ${host}: ${(error as Error).message}`);
    }
  }
  if (addresses.length === 0) throw new OutgoingRequestError('network', `${host} has no address`);
  if (!allowPrivate) {
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad !== undefined)
      throw new OutgoingRequestError(
        'refused',
        `refused: ${host} resolves to ${bad.address}, a private, loopback or link-local address (set PROXIMITE_WEBHOOK_ALLOW_PRIVATE=1 to allow it)`,
      );
  }
  return addresses[0] as LookupAddress;
}

/** One request to `target`, with the SSRF rule, a time-out, no redirects and a body-size limit. */
export async function safeRequest(target: string, options: SafeRequestOptions): Promise<SafeResponse> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new OutgoingRequestError('refused', 'refused: not a URL');
  }
  const checked = await checkTarget(url, options.allowPrivate, options.resolve);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 65_536;
  const requestFn = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const pinned: RequestOptions['lookup'] = (_host, opts, callback) => {
    const cb = callback as (err: Error | null, address: string | LookupAddress[], family?: number) => void;
    if ((opts as { all?: boolean }).all === true) cb(null, [checked]);
    else cb(null, checked.address, checked.family);
  };
  return new Promise<SafeResponse>((resolve, reject) => {
    let settled = false;
    // Set once the connection (TLS included) is up: from then on the request is being written.
    let connected = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const req = requestFn(
      url,
      {
        method: options.method,
        headers: {
          ...(options.body !== undefined
            ? { 'Content-Length': String(Buffer.byteLength(options.body)) }
            : {}),
          ...options.headers,
        },
        lookup: pinned,
        agent: false,
        servername: isIP(url.hostname) === 0 ? url.hostname : undefined,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy();
            done(() =>
              reject(
                new OutgoingRequestError(
                  'too-large',
                  `response larger than ${maxBytes} bytes (HTTP ${res.statusCode ?? 0})`,
                  true,
                ),
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          done(() =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
              address: checked.address,
            }),
          ),
        );
        res.on('error', (error) =>
          done(() => reject(new OutgoingRequestError('network', error.message, true))),
        );
      },
    );
    req.once('socket', (socket) =>
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
        connected = true;
      }),
    );
    const timer = setTimeout(() => {
      req.destroy();
      done(() =>
        reject(
          new OutgoingRequestError(
            'timeout',
            connected ? `no complete answer within ${timeoutMs} ms` : `no connection within ${timeoutMs} ms`,
            connected,
          ),
        ),
      );
    }, timeoutMs);
    req.on('error', (error) =>
      done(() => reject(new OutgoingRequestError('network', error.message, connected))),
    );
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/**
 * A `fetch` on top of {@link safeRequest}, for code that takes a `fetch` (the SDK's Open311
 * adapter): same rules, no redirects (a 3xx is returned as it is).
 */
export function safeFetch(
  options: Pick<SafeRequestOptions, 'allowPrivate' | 'timeoutMs' | 'maxBytes' | 'resolve'>,
): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const method = request.method.toUpperCase();
    if (method !== 'GET' && method !== 'POST')
      throw new OutgoingRequestError('refused', `refused: method ${method}`);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const body = method === 'POST' ? await request.text() : undefined;
    const response = await safeRequest(request.url, {
      ...options,
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const out = new Headers();
    for (const [key, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const v of [value].flat()) out.append(key, v);
    }
    const nullBody =
      response.status === 204 || response.status === 304 || (response.status >= 100 && response.status < 200);
    return new Response(nullBody ? null : response.body, { status: response.status, headers: out });
  };
}
