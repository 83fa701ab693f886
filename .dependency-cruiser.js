/**
 * Boundaries that keep the design honest; `npm run lint:deps` (part of `npm test`) fails when one
 * is crossed, and first proves each rule still fires on its bad fixture (.dependency-cruiser/fixtures,
 * scripts/check-boundary-rules.js): a rule that matches nothing would pass silently.
 *
 * A pure domain file is named by its role, in any lib: `*.decider.ts`, `*.events.ts`,
 * `*.errors.ts` or `*.rules.ts` (see libs/shop/README.md), also with a part after the role
 * (`quote.decider.approval.ts`); spec files are not domain files.
 */
// An empty alternative instead of `?`: dependency-cruiser refuses nested quantifiers (safe-regex).
const DOMAIN_SUFFIX = '\\.(decider|events|errors|rules)(\\.[a-z0-9-]+|)\\.ts$';
const SPEC = '\\.spec\\.ts$';
// The runtime a decider must not load. Matched on the resolved path (node_modules/...) and on the
// bare name, so a package that does not resolve is caught too.
const RUNTIME_PACKAGES = '(^|node_modules/)((@nestjs|@mikro-orm|@eventstore)/|(pg|ioredis|bullmq|stripe|nestjs-cls)(/|$))';
// @workbay/platform/fields: the shared field rules (currency, ...), itself a domain file, so every
// boundary rule applies to it too; the one platform file a domain file may import.
const FIELDS_ENTRY = '^libs/platform/src/fields/fields\\.rules\\.ts$';
// The bounded contexts (every lib but the kernel, libs/platform, and the event store).
const CONTEXTS = 'identity|payments|audit|billing|shop|scheduling|approvals';
const EVENTSTORE_CORE_FILES = '^libs/eventstore/src/(core|event-store|errors|hash-chain|decider|verify|upcasting)\\.ts$';

module.exports = {
  forbidden: [
    { name: 'lib-imports-app', severity: 'error', comment: 'libraries never depend on apps',
      from: { path: '^libs/', pathNot: '\\.spec\\.ts$' }, to: { path: '^apps/' } },
    // The kernel is business-free: where it needs what a context knows (a user's current roles,
    // the tenant's profile) it declares a port (UserDirectory, TenantProfiles) that the context's
    // module provides.
    { name: 'kernel-imports-no-context', severity: 'error',
      comment: 'libs/platform (the kernel) never imports a bounded context: identity, payments, audit, billing, shop, scheduling, approvals',
      from: { path: '^libs/platform/' }, to: { path: `^libs/(${CONTEXTS})/` } },
    { name: 'pure-domain', severity: 'error',
      comment: 'deciders, events, errors and rules are plain TypeScript: no Nest, ORM, database, Redis, queue or Stripe',
      from: { path: `^libs/[^/]+/src/.+${DOMAIN_SUFFIX}`, pathNot: SPEC }, to: { path: RUNTIME_PACKAGES } },
    { name: 'domain-imports-only-domain', severity: 'error',
      comment: 'a domain file imports only domain files of its own lib, @workbay/eventstore/core and @workbay/platform/fields (not the platform runtime, not the eventstore index with its adapters)',
      from: { path: `^libs/([^/]+)/src/.+${DOMAIN_SUFFIX}`, pathNot: SPEC },
      to: { path: '^(apps|libs|test|bench)/', pathNot: [`^libs/$1/src/.+${DOMAIN_SUFFIX}`, '^libs/eventstore/src/core\\.ts$', FIELDS_ENTRY] } },
    { name: 'eventstore-core-is-pure', severity: 'error',
      comment: '@workbay/eventstore/core loads no adapter, driver or other lib, so deciders can import it',
      from: { path: EVENTSTORE_CORE_FILES },
      to: { path: `${RUNTIME_PACKAGES}|^(apps|libs|test|bench)/`, pathNot: EVENTSTORE_CORE_FILES } },
    // Kernel and event store: a context uses them through their entries only.
    { name: 'context-reaches-into-context', severity: 'error',
      comment: 'a lib uses another only through its entries (@workbay/<lib>, /core, /contract, /testing, @workbay/platform/fields)',
      from: { path: '^libs/([^/]+)/' }, to: { path: '^libs/([^/]+)/src/.+', pathNot: ['^libs/$1/', '^libs/[^/]+/src/(testing/)?(index|core|contract)\\.ts$', FIELDS_ENTRY] } },
    // A context's contract.ts (issue #9 item 4): the integration events it promises to keep and the
    // commands others may send it. Its index is for apps (the manifest), not for other contexts.
    { name: 'context-only-through-contract', severity: 'error',
      comment: 'a bounded context imports another only through its contract entry (@workbay/<context>/contract)',
      from: { path: `^libs/(${CONTEXTS})/` }, to: { path: `^libs/(${CONTEXTS})/`, pathNot: ['^libs/$1/', `^libs/(${CONTEXTS})/src/contract\\.ts$`] } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    // npm packages stay in the graph (the rules above match them) but are not walked into.
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
