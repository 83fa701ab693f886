import { GraphQLFormattedError } from 'graphql';

/** Apollo's codes for a request it refused before running it: the client's document or variables. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'QUERY_TOO_COMPLEX',
]);

/** What graphql-js's messages name, most specific first: a variable's inner path, an argument, a field. */
const FIELD_PATTERNS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^Variable "\$[^"]+" got invalid value .*? at "([^"]+)"; Field "([^"]+)" is not defined/s, (m) => `${m[1]}.${m[2]}`],
  [/^Variable "\$([^"]+)" got invalid value .*?; Field "([^"]+)" is not defined/s, (m) => `${m[1]}.${m[2]}`],
  [/^Variable "\$[^"]+" got invalid value .*? at "([^"]+)"/s, (m) => m[1]],
  [/^Variable "\$([^"]+)"/, (m) => m[1]],
  [/^Unknown argument "([^"]+)"/, (m) => m[1]],
  [/argument "([^"]+)" of type "[^"]+" is required/, (m) => m[1]],
  [/^Argument "([^"]+)"/, (m) => m[1]],
  [/^Field "([^"]+)" is not defined by type/, (m) => m[1]],
  [/^Cannot query field "([^"]+)"/, (m) => m[1]],
  [/^Unknown operation named/, () => 'operationName'],
];

function fieldOf(message: string, code: string): string {
  for (const [pattern, name] of FIELD_PATTERNS) {
    const match = message.match(pattern);
    if (match) return name(match);
  }
  return code === 'BAD_USER_INPUT' ? 'variables' : 'query';
}

/**
 * GraphQL errors in the shape of the REST problems: Apollo's refusals of a bad document or bad
 * variables (HTTP 400, set by Apollo or the limits plugin) get the `status` and `errors[].field`
 * that ProblemDetailsFilter gives resolver errors, so clients branch on one shape.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (!REQUEST_ERROR_CODES.has(code) || formatted.extensions?.errors !== undefined) return formatted;
  const field = fieldOf(formatted.message, code);
  return {
    ...formatted,
    extensions: { ...formatted.extensions, status: 400, errors: [{ field, message: formatted.message }] },
  };
}
