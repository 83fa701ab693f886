import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

interface Operation {
  operationId?: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
type Document = { paths: Record<string, Record<string, Operation>>; components?: Record<string, Record<string, unknown>> };

const DOC = 'openapi-document';

/**
 * What the API answered must be what its OpenAPI document promises: for the operation the request
 * matched, the status must be documented, with that media type, and the body must validate
 * against the schema. Objects are closed (`additionalProperties: false` unless the document says
 * otherwise): a field the document does not name is a violation too, because a client generated
 * from the document would not know it and a leak (another tenant's id) would go unnoticed.
 */
export class ResponseContract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  private readonly routes: { method: string; pattern: RegExp; path: string; operation: Operation }[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: Document) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOC, components: closeObjects(document.components ?? {}) });
    for (const [path, item] of Object.entries(document.paths)) {
      const pattern = new RegExp('^' + path.replace(/\{[^}]+\}/g, '[^/]+') + '$');
      for (const [method, operation] of Object.entries(item)) this.routes.push({ method: method.toUpperCase(), pattern, path, operation });
    }
    // A literal segment beats a parameter: /audit/verification before /audit/{anything}.
    this.routes.sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));
  }

  /** A violation message, or undefined when the response keeps the contract (or no documented operation matched). */
  check(method: string, url: string, status: number, contentType: string | undefined, body: string): string | undefined {
    const path = url.split('?')[0];
    const route = this.routes.find((r) => r.method === method && r.pattern.test(path));
    if (!route) return undefined;
    const where = `${method} ${route.path} (${route.operation.operationId}) answered ${status}`;
    const response = route.operation.responses[String(status)] ?? route.operation.responses.default;
    if (!response) return `${where}: status not documented (documented: ${Object.keys(route.operation.responses).join(', ')}); body ${body.slice(0, 300)}`;
    const media = contentType?.split(';')[0].trim();
    if (!response.content) return body.length ? `${where}: documented without a body, got ${media}` : undefined;
    const content = media ? response.content[media] : undefined;
    if (!content) return `${where}: content type ${media ?? '(none)'} not documented (documented: ${Object.keys(response.content).join(', ')})`;
    if (!content.schema || media !== 'application/json' && !media?.endsWith('+json')) return undefined;
    const key = `${route.operation.operationId} ${status} ${media}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(refsInto(closeObjects(content.schema)) as object);
      this.validators.set(key, validate);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return `${where}: body is not JSON: ${body.slice(0, 200)}`;
    }
    if (validate(parsed)) return undefined;
    const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` '${e.params.additionalProperty}'` : ''}`);
    return `${where}: ${errors.join('; ')}`;
  }

  /**
   * Checks every response the server sends, collecting violations. The server's 'request' event
   * sees in-process supertest calls and the Stripe emulator's webhook posts alike.
   */
  watch(server: Server, violations: string[]): void {
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      const capture = (chunk: unknown) => {
        if (typeof chunk === 'string' || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
      };
      const write = res.write.bind(res) as (...args: unknown[]) => boolean;
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.write = ((chunk: unknown, ...rest: unknown[]) => (capture(chunk), write(chunk, ...rest))) as ServerResponse['write'];
      res.end = ((chunk?: unknown, ...rest: unknown[]) => (capture(chunk), end(chunk, ...rest))) as ServerResponse['end'];
      res.on('finish', () => {
        const header = res.getHeader('content-type');
        const violation = this.check(req.method ?? 'GET', req.url ?? '/', res.statusCode, header === undefined ? undefined : String(header), Buffer.concat(chunks).toString('utf8'));
        if (violation) violations.push(violation);
      });
    });
  }
}

/** Response schemas point at `#/components/...` of the document; in Ajv they live under DOC. */
function refsInto(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, `"${DOC}#/components/`));
}

/**
 * OpenAPI 3.0 schemas as JSON Schema for Ajv: objects closed (see above), and `nullable: true`
 * as OpenAPI means it, null besides whatever else the schema allows (Ajv's own `nullable` only
 * widens `type`, so `{ nullable, allOf: [$ref] }`, Swagger's nullable object, would refuse null).
 */
function closeObjects<T>(value: T): T {
  if (Array.isArray(value)) return value.map(closeObjects) as T;
  if (!value || typeof value !== 'object') return value;
  const copy = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, closeObjects(v)])) as Record<string, unknown>;
  if (copy.type === 'object' && copy.properties && copy.additionalProperties === undefined) copy.additionalProperties = false;
  if (copy.nullable === true) {
    const { nullable: _, ...rest } = copy;
    return { anyOf: [{ type: 'null' }, rest] } as T;
  }
  return copy as T;
}
