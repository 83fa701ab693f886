import { loadConfig } from '@workbay/platform';
import { createApi } from './create-api';

async function main() {
  const config = loadConfig();
  const app = await createApi(config);
  await app.listen(config.PORT, '0.0.0.0');
  const base = `http://localhost:${config.PORT}`;
  console.log(`Workbay API listening on ${base}\n  REST docs:  ${base}/docs\n  OpenAPI:    ${base}/docs-json\n  GraphQL:    ${base}/graphql\n  Health:     ${base}/health\n  Metrics:    ${base}/metrics`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
