/** Boundaries that keep the design honest; `npm test` fails when one is crossed. */
module.exports = {
  forbidden: [
    { name: 'lib-imports-app', severity: 'error', comment: 'libraries never depend on apps',
      from: { path: '^libs/', pathNot: '\\.spec\\.ts$' }, to: { path: '^apps/' } },
    { name: 'pure-domain', severity: 'error',
      comment: 'aggregates, events and decisions are plain TypeScript: no Nest, ORM, database or Redis',
      from: { path: '^libs/[^/]+/src/.+/[^/]+(\\.events|-totals|/vin)\\.ts$|^libs/shop/src/[^/]+/(customer|vehicle|quote|location|location-rules|location-name|tax|tax-[a-z]+|repair-order|repair-order-(lines|errors|commands)|canned-job|canned-job-quote-lines|usage-signal|household|invoice|invoice-errors|invoice-number)\\.ts$|^libs/eventstore/src/(decider|hash-chain)\\.ts$' },
      to: { path: '@nestjs|@mikro-orm|node_modules/(pg|ioredis|bullmq)/' } },
    { name: 'context-reaches-into-context', severity: 'error',
      comment: 'a bounded context uses another only through its index (@workbay/<lib>)',
      from: { path: '^libs/([^/]+)/' }, to: { path: '^libs/([^/]+)/src/.+', pathNot: ['^libs/$1/', '^libs/[^/]+/src/(testing/)?index\\.ts$'] } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
