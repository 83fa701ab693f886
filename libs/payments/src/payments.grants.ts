import type { ContextGrants } from '@workbay/platform';

export type PaymentsSubject = 'PaymentAccount';

export const PAYMENTS_GRANTS: ContextGrants<PaymentsSubject> = {
  roles: { finance: (can) => can('read', 'PaymentAccount') },
  // Where the shop's money is paid out is the owner's decision alone, even over an admin's `manage all`.
  ownerOnly: [['connect', 'PaymentAccount']],
};
