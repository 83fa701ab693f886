import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType, GraphQLEnumType, GraphQLField, GraphQLInputObjectType, GraphQLInputType, GraphQLNamedType, GraphQLObjectType,
  GraphQLOutputType, GraphQLSchema, isEnumType, isInputObjectType, isObjectType, isScalarType,
} from 'graphql';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient } from '../../../../test/support/shop-client';

/** Root fields served by libs/platform and the other contexts (identity, audit, payments, notifications, billing): not the shop's contract. */
const PLATFORM_ROOT_FIELDS = /^(users|user|me|auditEvents|auditVerification|auditRecord|stripeAccount|connectStripeAccount|createStripeOnboardingLink|invite\w*|updateUser|deactivateUser|reactivateUser|grant\w*|revoke\w*|signup|login|acceptInvitation|notifications|registerWebhookEndpoint|entitlements|changePlan)$/;

/**
 * Queries that read no projection, so no minPosition to wait for: the plan catalog is code; API keys
 * and verification runs are written synchronously; scheduling's reservation, schedulingSettings and
 * managedBooking, the approval policies, one approval request's detail and the quote discount
 * threshold are folded from their own event streams at read time.
 */
const NOT_READ_MODELS = /^Query\.(plans|planVersion|apiKeys|auditVerificationJob|reservation|schedulingSettings|managedBooking|approvalPolicies|approvalPolicy|approvalPolicyVersion|approvalRequest|quoteDiscountThreshold)$/;

/**
 * Field names whose values come from a fixed set (a domain union): they must be GraphQL enums.
 * (An aging `bucket` stays a String: its values, `0-30` ... `90+`, are not GraphQL names.)
 */
const ENUM_NAMED = /^(status|kind|channel|decisionChannel|decision|method|role|roles|paymentMethod|scheme|taxCategory)$/;

function shopRootFields(schema: GraphQLSchema): Array<[string, GraphQLField<unknown, unknown>]> {
  return [schema.getQueryType()!, schema.getMutationType()!].flatMap((root) =>
    Object.values(root.getFields()).filter((f) => !PLATFORM_ROOT_FIELDS.test(f.name)).map((f) => [`${root.name}.${f.name}`, f] as [string, GraphQLField<unknown, unknown>]));
}

/** Every named type a client of the shop's root fields meets (through fields and arguments). */
function reachableTypes(roots: Array<GraphQLField<unknown, unknown>>): GraphQLNamedType[] {
  const seen = new Map<string, GraphQLNamedType>();
  const visit = (type: GraphQLInputType | GraphQLOutputType) => {
    const named = getNamedType(type);
    if (seen.has(named.name) || isScalarType(named)) return;
    seen.set(named.name, named);
    if (isObjectType(named) || isInputObjectType(named)) {
      for (const field of Object.values((named as GraphQLObjectType | GraphQLInputObjectType).getFields())) {
        visit(field.type);
        for (const arg of 'args' in field ? field.args : []) visit(arg.type);
      }
    }
  };
  for (const root of roots) {
    visit(root.type);
    root.args.forEach((a) => visit(a.type));
  }
  return [...seen.values()];
}

const fieldsOf = (type: GraphQLNamedType) =>
  isObjectType(type) || isInputObjectType(type) ? Object.values((type as GraphQLObjectType | GraphQLInputObjectType).getFields()) : [];

describe('the shop GraphQL contract', () => {
  let platform: Platform;
  let shop: ShopClient;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    platform = await startPlatform();
    shop = await ShopClient.signup(platform);
    schema = platform.app.get(GraphQLSchemaHost).schema;
  });
  afterAll(() => platform.close());

  it('types every id as ID and every status or kind as an enum', () => {
    const roots = shopRootFields(schema);
    const wrong: string[] = [];
    const check = (where: string, name: string, type: GraphQLInputType | GraphQLOutputType) => {
      const named = getNamedType(type).name;
      // A tax id (GSTIN, VAT id) names a registration, not a record: it is text or a TaxIdView.
      if (/(^id|Id|Ids)$/.test(name) && !/^(seller|buyer)?[tT]axId$/.test(name) && named !== 'ID') wrong.push(`${where} is ${named}, not ID`);
      if (ENUM_NAMED.test(name) && isScalarType(getNamedType(type))) wrong.push(`${where} is ${named}, not an enum`);
    };
    for (const [where, root] of roots) root.args.forEach((a) => check(`${where}(${a.name})`, a.name, a.type));
    for (const type of reachableTypes(roots.map(([, f]) => f))) {
      for (const field of fieldsOf(type)) {
        check(`${type.name}.${field.name}`, field.name, field.type);
        for (const arg of 'args' in field ? field.args : []) check(`${type.name}.${field.name}(${arg.name})`, arg.name, arg.type);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('describes every type, field, argument and enum value a shop client sees', () => {
    const roots = shopRootFields(schema);
    const missing: string[] = [];
    for (const [where, root] of roots) {
      if (!root.description) missing.push(where);
      for (const arg of root.args) if (!arg.description) missing.push(`${where}(${arg.name})`);
    }
    for (const type of reachableTypes(roots.map(([, f]) => f))) {
      if (!type.description) missing.push(type.name);
      for (const field of fieldsOf(type)) if (!field.description) missing.push(`${type.name}.${field.name}`);
      if (isEnumType(type)) for (const value of (type as GraphQLEnumType).getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('gives every shop read-model query a minPosition: SafeInt argument', () => {
    const queries = shopRootFields(schema).filter(([where]) => where.startsWith('Query.'));
    expect(queries.length).toBeGreaterThanOrEqual(20);
    const without = queries.filter(([where]) => !NOT_READ_MODELS.test(where)).filter(([, q]) => q.args.find((a) => a.name === 'minPosition')?.type.toString() !== 'SafeInt').map(([where]) => where);
    expect(without).toEqual([]);
  });

  it('reads its own write through minPosition: a mutation, then a query with its position, sees it without sleeping', async () => {
    const registered = await shop.graphql(
      `mutation($input: RegisterCustomerInput!) { registerCustomer(input: $input) { id position } }`,
      { input: { firstName: 'Meera', lastName: 'Iyer', phone: '+91 98450 99999' } },
    ).expect(200);
    expect(registered.body.errors).toBeUndefined();
    const { id, position } = registered.body.data.registerCustomer;

    const read = await shop.graphql(`query($id: ID!, $p: SafeInt) { customer(id: $id, minPosition: $p) { id firstName } }`, { id, p: position }).expect(200);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.customer).toEqual({ id, firstName: 'Meera' });
    expect(read.headers['x-read-model-caught-up']).toBe('true');

    // an @Args() DTO query takes it too (the interceptor removes it before the DTO is validated)
    const listed = await shop.graphql(`query($p: SafeInt) { customers(first: 100, minPosition: $p) { items { id } } }`, { p: position }).expect(200);
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data.customers.items.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('refuses a negative minPosition as a 400 naming minPosition', async () => {
    const res = await shop.graphql(`query { customers(minPosition: -1) { items { id } } }`).expect(200);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'minPosition' })] });
    expect(res.body.data).toBeNull();
  });
});
