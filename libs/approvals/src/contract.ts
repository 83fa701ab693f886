/**
 * What approvals promises other contexts (`@workbay/approvals/contract`), the only approvals file
 * they may import: integration events (past tense, ids and values only) and the commands others
 * may send. Nothing yet.
 */
export {};
