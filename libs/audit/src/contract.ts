/**
 * What audit offers other contexts (`@workbay/audit/contract`): nothing yet. Audit only reads
 * (event log, record replay, hash-chain verification); what a context records into, the audit
 * outbox and the auditable record categories (its manifest's `auditableRecords`), is the kernel's.
 */
export {};
