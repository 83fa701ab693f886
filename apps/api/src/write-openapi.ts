import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { openApiDocumentOffline } from './openapi-offline';

/** `node dist/apps/api/src/write-openapi.js <file>`: writes the OpenAPI document for `npm run lint:openapi`. */
async function main() {
  const file = process.argv[2] ?? 'dist/openapi.json';
  const document = await openApiDocumentOffline();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(document, null, 2) + '\n');
  console.log(`OpenAPI document written to ${file}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
