export { IdentityModule } from './identity.module';
export { WorkLocations } from './users/work-locations';
export { IDENTITY } from './manifest';
