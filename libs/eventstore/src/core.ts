/**
 * The event store without its adapters (`@workbay/eventstore/core`): the port, deciders, domain
 * errors, hash chain, verifier and upcasting. Pure domain files import this entry, never the
 * index, so loading a decider never loads `pg` or the EventStoreDB client.
 */
export * from './event-store';
export * from './errors';
export * from './hash-chain';
export * from './decider';
export * from './verify';
export * from './upcasting';
