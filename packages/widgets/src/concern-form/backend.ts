/**
 * What the concern form needs from a backend: the concerns part of the SDK's `ProximiteClient`
 * (the reference client or the Open311 adapter), and districts when the backend has them.
 */
import type { ProximiteCoreClient as ProximiteClient } from '@proximite/sdk/core.js';

export type ConcernClient = Pick<ProximiteClient, 'concerns'> & Partial<Pick<ProximiteClient, 'districts'>>;
