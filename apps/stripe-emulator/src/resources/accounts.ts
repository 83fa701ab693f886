import type { EmulatorCore, Route } from '../route';
import { invalid, requireString } from '../errors';
import { metadataOf } from '../form';
import { nowSeconds, stripeId, StripeObject } from '../state';

const TYPES = ['express', 'standard', 'custom'];

/** What Stripe asks of a new Express account before it may charge (a representative subset of its list). */
const ONBOARDING_DUE = [
  'business_profile.mcc', 'business_profile.url', 'business_type', 'external_account',
  'representative.first_name', 'representative.last_name', 'tos_acceptance.date', 'tos_acceptance.ip',
];

export type Account = StripeObject & {
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  requirements: Record<string, unknown> & { currently_due: string[]; eventually_due: string[]; past_due: string[]; disabled_reason: string | null };
  capabilities: Record<string, string>;
};

const requirements = (due: string[]) => ({
  alternatives: [], current_deadline: null, currently_due: [...due], disabled_reason: due.length ? 'requirements.past_due' : null,
  errors: [], eventually_due: [...due], past_due: [...due], pending_verification: [],
});

/**
 * Connect accounts. As at Stripe, a new account cannot charge or be paid out until its owner has
 * gone through onboarding (an `account_onboarding` AccountLink): `charges_enabled`,
 * `payouts_enabled` and `details_submitted` start false with the requirements currently due.
 * Completing the form is the control hook `POST /_emulator/accounts/:id/complete_onboarding`
 * (emulator-controls.ts), which sends `account.updated` like Stripe does.
 */
export function accountRoutes(): Route[] {
  return [
    {
      method: 'POST',
      path: /^\/v1\/accounts$/,
      handle: ({ params }, emu) => {
        const type = (params.type as string | undefined) ?? 'standard';
        if (!TYPES.includes(type)) throw invalid(`Invalid type: must be one of ${TYPES.join(', ')}`, 'type');
        const account: Account = {
          id: stripeId('acct', 16),
          object: 'account',
          type,
          email: (params.email as string | undefined) ?? null,
          country: (params.country as string | undefined) ?? 'US',
          default_currency: (params.default_currency as string | undefined) ?? 'usd',
          business_type: (params.business_type as string | undefined) ?? null,
          capabilities: { card_payments: 'inactive', transfers: 'inactive' },
          charges_enabled: false,
          payouts_enabled: false,
          details_submitted: false,
          requirements: requirements(ONBOARDING_DUE),
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
    {
      method: 'POST',
      path: /^\/v1\/account_links$/,
      handle: ({ params, account: scope }, emu) => {
        // The platform creates links for its connected accounts, not an account for itself.
        if (scope) throw invalid('Account links are created by the platform, without a Stripe-Account header.', undefined, 'parameter_invalid');
        const accountId = requireString(params.account, 'account');
        const account = emu.state.get<Account>('account', accountId, null, 'account');
        const type = requireString(params.type, 'type');
        if (!['account_onboarding', 'account_update'].includes(type)) throw invalid(`Invalid type: must be one of account_onboarding or account_update`, 'type');
        const refresh = requireString(params.refresh_url, 'refresh_url');
        const back = requireString(params.return_url, 'return_url');
        for (const [param, url] of [['refresh_url', refresh], ['return_url', back]]) {
          if (!/^https?:\/\/\S+$/.test(url)) throw invalid(`Not a valid URL`, param, 'url_invalid');
        }
        const created = nowSeconds();
        return { object: 'account_link', created, expires_at: created + 300, url: `https://connect.stripe.com/setup/e/${account.id}/${stripeId('x', 12).slice(2)}` };
      },
    },
  ];
}

/** The owner submitted everything Stripe asked: the account can charge and be paid out; `account.updated` follows. */
export function completeOnboarding(emu: EmulatorCore, accountId: string): Account {
  const account = emu.state.find<Account>('account', accountId).value;
  const previous = {
    charges_enabled: account.charges_enabled, payouts_enabled: account.payouts_enabled, details_submitted: account.details_submitted,
    requirements: structuredClone(account.requirements), capabilities: { ...account.capabilities },
  };
  account.charges_enabled = true;
  account.payouts_enabled = true;
  account.details_submitted = true;
  account.requirements = requirements([]);
  account.capabilities = { card_payments: 'active', transfers: 'active' };
  // Stripe sends a connected account's account.updated to Connect endpoints with `account` set.
  emu.emit('account.updated', account, account.id, previous);
  return account;
}
