import type { Request } from 'autocannon';
import { randomUUID } from 'node:crypto';

/** What a path needs from the seeded tenant. */
export interface Fixtures {
  headers: Record<string, string>;
  /** A sent quote in the read model (reads). */
  quoteId: string;
  /** Unused sent quotes: ApproveQuote takes one per request. */
  freshQuotes: string[];
}

export interface BenchPath {
  id: string;
  request: string;
  server: 'anchor' | 'peer' | 'api';
  /** The peer path this one is compared with (same work, hand-written). */
  peer?: 'peer_read' | 'peer_insert';
  requests(f: Fixtures): Request[];
}

const CUSTOMER = JSON.stringify({ firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' });
const REGISTER_MUTATION = JSON.stringify({
  query: 'mutation($input: RegisterCustomerInput!) { registerCustomer(input: $input) { id streamVersion position } }',
  variables: { input: { firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' } },
});

/** GraphQL answers 200 with `errors` for a refused operation: that is a failed request too. */
const graphqlErrors = (status: number, body: string, context: Record<string, unknown>) => {
  if (status === 200 && body.includes('"errors"')) context.graphqlError = body;
};

/** In the order they run within a repetition (the anchor first, then the peer, then ours). */
export const PATHS: BenchPath[] = [
  { id: 'anchor', request: 'GET /anchor (bare NestJS route)', server: 'anchor', requests: () => [{ method: 'GET', path: '/anchor' }] },
  {
    id: 'peer_read', request: 'peer GET /quotes/{id} (NestJS + pg, RLS)', server: 'peer',
    requests: (f) => [{ method: 'GET', path: `/quotes/${f.quoteId}`, headers: f.headers }],
  },
  {
    id: 'peer_insert', request: 'peer POST /customers (NestJS + pg, RLS)', server: 'peer',
    requests: (f) => [{ method: 'POST', path: '/customers', headers: f.headers, body: CUSTOMER }],
  },
  { id: 'health', request: 'GET /health', server: 'api', requests: () => [{ method: 'GET', path: '/health' }] },
  {
    id: 'quote_by_id', request: 'GET /quotes/{id}', server: 'api', peer: 'peer_read',
    requests: (f) => [{ method: 'GET', path: `/quotes/${f.quoteId}`, headers: f.headers }],
  },
  {
    id: 'quote_list', request: 'GET /quotes?first=20', server: 'api', peer: 'peer_read',
    requests: (f) => [{ method: 'GET', path: '/quotes?first=20', headers: f.headers }],
  },
  {
    id: 'register_customer', request: 'POST /customers (RegisterCustomer)', server: 'api', peer: 'peer_insert',
    requests: (f) => [{ method: 'POST', path: '/customers', headers: f.headers, body: CUSTOMER }],
  },
  {
    id: 'approve_quote', request: 'POST /quotes/{id}/approve (ApproveQuote, fresh quotes)', server: 'api', peer: 'peer_insert',
    requests: (f) => [{
      method: 'POST', headers: f.headers, body: JSON.stringify({ approvedByName: 'Asha Rao', channel: 'sms' }),
      // Each request takes a quote nobody approved yet; when they run out the repeat is a 4xx and the bench fails.
      setupRequest: (req) => ({ ...req, path: `/quotes/${f.freshQuotes.pop() ?? f.quoteId}/approve` }),
    }],
  },
  {
    id: 'graphql_register_customer', request: 'GraphQL registerCustomer', server: 'api', peer: 'peer_insert',
    requests: (f) => [{ method: 'POST', path: '/graphql', headers: f.headers, body: REGISTER_MUTATION, onResponse: graphqlErrors }],
  },
  {
    id: 'register_customer_idempotent', request: 'POST /customers with Idempotency-Key (unique)', server: 'api', peer: 'peer_insert',
    requests: (f) => [{
      method: 'POST', path: '/customers', body: CUSTOMER,
      setupRequest: (req) => ({ ...req, headers: { ...f.headers, 'idempotency-key': randomUUID() } }),
    }],
  },
];
