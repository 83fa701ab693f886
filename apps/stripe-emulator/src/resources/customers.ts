import { randomBytes } from 'node:crypto';
import type { Route } from '../route';
import { metadataOf } from '../form';
import { nowSeconds, stripeId, StripeObject } from '../state';

export function customerRoutes(): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/v1\/customers$/,
      handle: ({ params, account }, emu) => {
        // Every field of Stripe's customer (fixtures/stripe-objects.json), with a new customer's values.
        const customer: StripeObject = {
          id: stripeId('cus', 14),
          object: 'customer',
          address: null,
          balance: 0,
          created: nowSeconds(),
          currency: null,
          default_source: null,
          delinquent: false,
          description: (params.description as string | undefined) ?? null,
          discount: null,
          email: (params.email as string | undefined) ?? null,
          invoice_prefix: randomBytes(4).toString('hex').toUpperCase(),
          invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
          livemode: false,
          metadata: metadataOf(params.metadata),
          name: (params.name as string | undefined) ?? null,
          next_invoice_sequence: 1,
          phone: (params.phone as string | undefined) ?? null,
          preferred_locales: [],
          shipping: null,
          tax_exempt: 'none',
          test_clock: null,
        };
        emu.state.put(account, customer);
        emu.emit('customer.created', customer, account);
        return customer;
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/customers\/([^/]+)$/,
      handle: ({ match: [id], account }, emu) => emu.state.get('customer', id, account, 'id'),
    },
  ];
}
