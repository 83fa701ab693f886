import { Migration0003ApprovalsReadModels } from './0003-approvals-read-models';

/** Approvals' migrations, in order (schema `approvals`); they run after the kernel's and those of the contexts listed before approvals. */
export const APPROVALS_MIGRATIONS: Function[] = [Migration0003ApprovalsReadModels];
