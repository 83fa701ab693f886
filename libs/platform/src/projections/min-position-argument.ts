import { Args } from '@nestjs/graphql';
import { GraphQLSafeInt } from 'graphql-scalars';

export const MIN_POSITION_ARGUMENT = 'minPosition';
export const MIN_POSITION_DESCRIPTION =
  'Read-your-writes: wait (up to READ_WAIT_TIMEOUT_MS) until the read model includes this global position (the `position` a command returned)';

/**
 * Declares `minPosition: SafeInt` on a GraphQL query without a resolver parameter for it: the
 * argument is registered one slot past the method's own parameters, and
 * WaitForProjectionGuard consumes it (removing it from the arguments before the resolver's
 * pipes see them, so an `@Args()` DTO never has to declare it). GraphQL only: on a REST method
 * the same slot would be read as the request body.
 */
export const MinPositionArgument = (): MethodDecorator => (target, methodName) => {
  const declared: unknown[] = Reflect.getMetadata('design:paramtypes', target, methodName) ?? [];
  Args(MIN_POSITION_ARGUMENT, { type: () => GraphQLSafeInt, nullable: true, description: MIN_POSITION_DESCRIPTION })(target, methodName, declared.length);
};
