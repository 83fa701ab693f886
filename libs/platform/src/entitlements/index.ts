export * from './require-entitlement.decorator';
export * from './entitlements.port';
export * from './entitlement-errors';
export * from './entitlements.guard';
