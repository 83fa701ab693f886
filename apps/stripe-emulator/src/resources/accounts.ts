import type { Route } from '../route';
import { invalid } from '../errors';
import { metadataOf } from '../form';
import { nowSeconds, stripeId, StripeObject } from '../state';

const TYPES = ['express', 'standard', 'custom'];

/** Connect accounts. Onboarding is instant here: charges and payouts are enabled at once. */
export function accountRoutes(): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/v1\/accounts$/,
      handle: ({ params }, emu) => {
        const type = (params.type as string | undefined) ?? 'standard';
        if (!TYPES.includes(type)) throw invalid(`Invalid type: must be one of ${TYPES.join(', ')}`, 'type');
        const account: StripeObject = {
          id: stripeId('acct', 16),
          object: 'account',
          type,
          email: (params.email as string | undefined) ?? null,
          country: (params.country as string | undefined) ?? 'US',
          default_currency: (params.default_currency as string | undefined) ?? 'usd',
          business_type: (params.business_type as string | undefined) ?? null,
          charges_enabled: true,
          payouts_enabled: true,
          details_submitted: true,
          metadata: metadataOf(params.metadata),
          created: nowSeconds(),
          livemode: false,
        };
        return emu.state.put(null, account);
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/accounts\/([^/]+)$/,
      handle: ({ match: [id] }, emu) => emu.state.get('account', id, null, 'account'),
    },
  ];
}
