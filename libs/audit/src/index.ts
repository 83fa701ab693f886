/** Audit's entry for apps: its manifest. */
export { AUDIT } from './manifest';
