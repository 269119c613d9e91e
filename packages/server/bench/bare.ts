/**
 * The baselines of the HTTP benchmark: a bare node:http server and a bare Hono app (on the same
 * @hono/node-server as Proximité), each answering every request with the same bytes — the status,
 * headers and body of a response Proximité served, read from a JSON file. What Proximité costs
 * beyond them is its own work: routing, checks, cache lookups and header building.
 *
 *   node --import tsx packages/server/bench/bare.ts node|hono <response.json>
 *
 * Prints `listening on http://127.0.0.1:<port>` once ready.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

/** A captured response: status, headers (lower-case names) and body. */
export interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const [kind, file] = process.argv.slice(2);
if ((kind !== 'node' && kind !== 'hono') || file === undefined) {
  console.error('usage: bare.ts node|hono <response.json>');
  process.exit(2);
}
const captured = JSON.parse(readFileSync(file, 'utf8')) as CapturedResponse;
const { status, headers, body } = captured;
const ready = (port: number) => console.log(`listening on http://127.0.0.1:${port}`);

if (kind === 'node') {
  const server = createServer((_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  });
  server.listen(0, '127.0.0.1', () => ready((server.address() as AddressInfo).port));
} else {
  const app = new Hono();
  app.get('*', () => new Response(body, { status, headers }));
  serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => ready(info.port));
}
