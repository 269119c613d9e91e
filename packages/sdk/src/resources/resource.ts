import type { Transport } from '../internal/transport.js';

/** Base of the resource classes: holds the client's transport (internal). */
export class Resource {
  /** @internal */
  protected readonly _transport: Transport;
  constructor(transport: Transport) {
    this._transport = transport;
  }
}

/** Yields every item of every page, following `nextCursor`. */
export async function* paginate<T>(
  load: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await load(cursor);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
