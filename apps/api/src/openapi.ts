import { INestApplication, Type } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ACCEPTS_API_KEY, API_PROBLEMS, ENTITLEMENT_REQUIRED, EntitlementRequirement, IS_PUBLIC, NOT_A_COMMAND } from '@workbay/platform';
import { documentEntitlement } from './openapi-entitlements';
import { PROBLEM_DESCRIPTIONS, PROBLEM_MEDIA_TYPE, problemComponents } from './openapi-problems';

const COMMAND_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface RouteMetadata {
  isPublic: boolean;
  notACommand: boolean;
  extraProblems: number[];
  entitlement?: EntitlementRequirement;
  /** The API-key scope the route accepts (`@AcceptsApiKey`), if it accepts keys at all. */
  apiKeyScope?: string;
}

const operationId = (controllerKey: string, methodKey: string) => `${controllerKey}_${methodKey}`;

/**
 * The route metadata of every controller method, keyed by the operationId Swagger gives it: the
 * document alone does not say which routes are `@Public()` or which statuses a route adds.
 */
function routeMetadata(app: INestApplication): Map<string, RouteMetadata> {
  const index = new Map<string, RouteMetadata>();
  const container = (app as unknown as { container: { getModules(): Map<string, { controllers: Map<unknown, { metatype: Type | null }> }> } }).container;
  for (const module of container.getModules().values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      for (const methodKey of Object.getOwnPropertyNames(metatype.prototype)) {
        const handler = metatype.prototype[methodKey];
        if (methodKey === 'constructor' || typeof handler !== 'function') continue;
        const read = <T>(key: string): T | undefined => Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, metatype);
        index.set(operationId(metatype.name, methodKey), {
          isPublic: read<boolean>(IS_PUBLIC) === true,
          notACommand: read<boolean>(NOT_A_COMMAND) === true,
          extraProblems: read<number[]>(API_PROBLEMS) ?? [],
          entitlement: read<EntitlementRequirement>(ENTITLEMENT_REQUIRED),
          apiKeyScope: read<string>(ACCEPTS_API_KEY),
        });
      }
    }
  }
  return index;
}

const isParameter = (p: ParameterObject | ReferenceObject): p is ParameterObject => 'in' in p;

/**
 * `@Headers('stripe-signature')` documents the header by itself and `@ApiHeader` documents it
 * again with a description: header names are case-insensitive, so the described one is kept.
 */
function withoutDuplicateHeaders(parameters: (ParameterObject | ReferenceObject)[]): (ParameterObject | ReferenceObject)[] {
  const described = (p: ParameterObject | ReferenceObject) => isParameter(p) && p.in === 'header' && p.description !== undefined;
  return parameters.filter(
    (p) => !isParameter(p) || p.in !== 'header' || described(p) || !parameters.some((q) => q !== p && described(q) && (q as ParameterObject).name.toLowerCase() === p.name.toLowerCase()),
  );
}

/**
 * Whether a command's body names records (`customerId`, `lineIds`, ...): each is looked up in the
 * caller's tenant, and one that is not there is a 404 like an id in the path.
 */
function bodyNamesRecords(document: OpenAPIObject, operation: OperationObject): boolean {
  const seen = new Set<string>();
  const names = (schema: unknown): boolean => {
    if (!schema || typeof schema !== 'object') return false;
    const ref = (schema as ReferenceObject).$ref;
    if (ref) {
      if (seen.has(ref)) return false;
      seen.add(ref);
      return names(document.components?.schemas?.[ref.split('/').pop()!]);
    }
    const s = schema as SchemaObject;
    if (Object.keys(s.properties ?? {}).some((key) => /(^id|Id|Ids)$/.test(key))) return true;
    return [...Object.values(s.properties ?? {}), s.items, ...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])].some(names);
  };
  const body = operation.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined;
  return Object.values(body?.content ?? {}).some((media) => names(media.schema));
}

/** The error statuses a route answers, from its shape: what a client must be ready for. */
function problemStatuses(document: OpenAPIObject, method: string, path: string, operation: OperationObject, route: RouteMetadata): number[] {
  const command = COMMAND_METHODS.has(method) && !route.notACommand;
  const params = (operation.parameters ?? []).filter(isParameter);
  const hasBody = operation.requestBody !== undefined;
  const statuses = new Set<number>(route.extraProblems);
  if (route.entitlement?.feature) statuses.add(403);
  if (route.entitlement?.meter) statuses.add(429);
  // A command's Idempotency-Key is validated too, so every command can be a 400.
  if (hasBody || command || params.some((p) => p.in === 'path' || p.in === 'query')) statuses.add(400);
  if (!route.isPublic) [401, 403].forEach((s) => statuses.add(s));
  if (path.includes('{') || (command && bodyNamesRecords(document, operation))) statuses.add(404);
  if (command) [409, 422].forEach((s) => statuses.add(s));
  if (hasBody) statuses.add(413);
  // Any operation may find the database or Redis overloaded: a 503 with Retry-After, never a 500.
  statuses.add(503);
  return [...statuses].sort();
}

function applyContract(document: OpenAPIObject, routes: Map<string, RouteMetadata>): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const route = operation.operationId ? routes.get(operation.operationId) : undefined;
      if (!route) throw new Error(`OpenAPI: no route metadata for ${method.toUpperCase()} ${path} (${operation.operationId})`);
      operation.security = route.isPublic ? [] : route.apiKeyScope ? [{ bearer: [] }, { apiKey: [] }] : [{ bearer: [] }];
      if (route.apiKeyScope) {
        // OpenAPI 3.0 gives apiKey schemes no scopes: the one this route needs is said here and in an extension.
        (operation as OperationObject & Record<string, unknown>)['x-api-key-scope'] = route.apiKeyScope;
        operation.description = `${operation.description ? `${operation.description} ` : ''}Also accepts an API key with the scope \`${route.apiKeyScope}\`.`;
      }
      operation.parameters = withoutDuplicateHeaders(operation.parameters ?? []);
      if (COMMAND_METHODS.has(method) && !route.notACommand) {
        operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/IdempotencyKey' }];
      }
      for (const status of problemStatuses(document, method, path, operation, route)) {
        operation.responses[status] ??= {
          description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem details',
          content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
        };
      }
      const overloaded = operation.responses[503] as { headers?: Record<string, unknown> } | undefined;
      if (overloaded) overloaded.headers ??= { 'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } } };
      if (route.entitlement) documentEntitlement(operation, route.entitlement);
    }
  }
  const problems = problemComponents();
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...problems.schemas },
    parameters: { ...document.components?.parameters, ...problems.parameters },
  };
  return document;
}

/** The REST contract served at /docs-json and linted in CI (`npm run lint:openapi`). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Workbay API')
    .setDescription(
      'Multi-tenant, event-sourced shop operations. The tenant comes only from the bearer token. ' +
        'Commands return `position`; pass it as `X-Min-Position` on a read to see your write. ' +
        'Errors are RFC 9457 problem details (`application/problem+json`) with a stable `code` and `errors[].field` naming the bad field.',
    )
    .setVersion('0.1.0')
    .setLicense('UNLICENSED (proprietary)', 'https://workbay.dev/license')
    .setContact('Workbay', 'https://workbay.dev', 'api@workbay.dev')
    .addServer('/', 'the host that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'from POST /auth/signup, /auth/login or /auth/invitations/accept' }, 'bearer')
    .addApiKey({
      type: 'apiKey',
      in: 'header',
      name: 'X-Api-Key',
      description:
        'A tenant API key for machine clients, `wbk_<id>_<secret>`, from POST /api-keys (owners and admins); also accepted as `Authorization: Bearer wbk_...`. ' +
        'Only operations listing this scheme accept a key, and only with the scope in their `x-api-key-scope`: elsewhere a key is 403 `API_KEY_NOT_ACCEPTED`, ' +
        'without the scope 403 `API_KEY_SCOPE_MISSING`; an unknown, malformed or revoked key is 401. The tenant is the key\'s.',
    }, 'apiKey')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
  return applyContract(document, routeMetadata(app));
}
