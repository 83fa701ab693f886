export * from './event-store';
export * from './errors';
export * from './hash-chain';
export * from './decider';
// Adapters and the verifier are exported from their own files as they land:
export * from './postgres';
export * from './esdb';
export * from './verify';
export * from './upcasting';
