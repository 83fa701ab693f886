import { NotFoundError } from '@workbay/platform';
import { isRequestType } from './policy.decider';
import { REQUEST_TYPES, RequestType } from './policy.events';

/** A request type in a path names a policy: an unknown one is a 404 like an unknown id. */
export function requireRequestType(value: string): RequestType {
  if (!isRequestType(value)) throw new NotFoundError('approval policy', `${value} (types: ${REQUEST_TYPES.join(', ')})`);
  return value;
}
