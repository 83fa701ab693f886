import { DynamicModule, ForwardReference, RequestMethod, Type } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';

/** @nestjs/graphql's key for Query / Mutation / Subscription on a resolver method. */
const RESOLVER_TYPE_METADATA = 'graphql:resolver_type';

const READ_METHODS = new Set<RequestMethod>([RequestMethod.GET, RequestMethod.HEAD, RequestMethod.OPTIONS]);

type ModuleLike = Type<unknown> | DynamicModule | ForwardReference | Promise<DynamicModule>;

/**
 * Puts `interceptor` on every command handler found in `modules` (and the modules they import):
 * each REST route that is not a GET, HEAD or OPTIONS, and each GraphQL mutation, as
 * `@UseInterceptors(interceptor)` on each of them would. Idempotency-Key is a command's concern;
 * as a global interceptor it put an interceptor chain (an AsyncResource.bind with two deprecation
 * wrappers in Node 20, and rxjs) on every read and every /health probe as well (issue #10).
 *
 * The class, not an instance, is bound: each application resolves its own, in the module of the
 * controller or resolver, so it must be constructible in any container that holds those modules
 * (CommandIdempotencyInterceptor). Binding again is a no-op. Must run before Nest scans the
 * modules (it reads the metadata to register injectables).
 */
export function bindToCommands(modules: readonly ModuleLike[], interceptor: Type<unknown>): number {
  let bound = 0;
  for (const cls of handlerClasses(modules)) {
    for (const handler of methodsOf(cls)) {
      if (!isCommandHandler(handler)) continue;
      const current: unknown[] = Reflect.getMetadata(INTERCEPTORS_METADATA, handler) ?? [];
      if (current.includes(interceptor)) continue;
      Reflect.defineMetadata(INTERCEPTORS_METADATA, [interceptor, ...current], handler);
      bound++;
    }
  }
  return bound;
}

export function isCommandHandler(handler: Function): boolean {
  if (Reflect.getMetadata(RESOLVER_TYPE_METADATA, handler) === 'Mutation') return true;
  if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) return false;
  const method: RequestMethod | undefined = Reflect.getMetadata(METHOD_METADATA, handler);
  return method !== undefined && !READ_METHODS.has(method);
}

/** Controllers and class providers (resolvers among them) of the modules, recursively through their imports. */
function handlerClasses(roots: readonly ModuleLike[]): Set<Type<unknown>> {
  const classes = new Set<Type<unknown>>();
  const seen = new Set<unknown>();
  const visit = (item: ModuleLike | undefined): void => {
    if (!item || seen.has(item) || item instanceof Promise) return;
    seen.add(item);
    if ('forwardRef' in item) return visit(item.forwardRef());
    const dynamic = 'module' in item ? item : undefined;
    const cls = dynamic ? dynamic.module : (item as Type<unknown>);
    const metadata = (key: string): unknown[] => [...(Reflect.getMetadata(key, cls) ?? []), ...((dynamic?.[key as keyof DynamicModule] as unknown[]) ?? [])];
    for (const controller of metadata(MODULE_METADATA.CONTROLLERS)) classes.add(controller as Type<unknown>);
    for (const provider of metadata(MODULE_METADATA.PROVIDERS)) {
      const target = typeof provider === 'function' ? provider : (provider as { useClass?: Type<unknown> }).useClass;
      if (typeof target === 'function') classes.add(target as Type<unknown>);
    }
    for (const imported of metadata(MODULE_METADATA.IMPORTS)) visit(imported as ModuleLike);
  };
  roots.forEach(visit);
  return classes;
}

function methodsOf(cls: Type<unknown>): Function[] {
  const methods: Function[] = [];
  for (let proto = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor') continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (typeof descriptor?.value === 'function') methods.push(descriptor.value);
    }
  }
  return methods;
}
