import type { Route } from '../route';
import { metadataOf } from '../form';
import { nowSeconds, stripeId, StripeObject } from '../state';

export function customerRoutes(): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/v1\/customers$/,
      handle: ({ params, account }, emu) => {
        const customer: StripeObject = {
          id: stripeId('cus', 14),
          object: 'customer',
          email: (params.email as string | undefined) ?? null,
          name: (params.name as string | undefined) ?? null,
          description: (params.description as string | undefined) ?? null,
          metadata: metadataOf(params.metadata),
          created: nowSeconds(),
          livemode: false,
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
