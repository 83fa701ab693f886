import { GraphQLSafeInt } from 'graphql-scalars';

/**
 * GraphQL type of money in minor units (and other counters that outgrow 32 bits): GraphQL's Int
 * stops at 2^31 - 1, which is 21 million rupees in paise or 5 million rupiah-thousands; SafeInt
 * carries every integer up to 2^53 - 1 exactly, as JSON numbers.
 */
export const MinorUnits = () => GraphQLSafeInt;
