import type { Can, ContextGrants } from '@workbay/platform';

export type ShopSubject = 'Location' | 'Customer' | 'Vehicle' | 'Quote' | 'CannedJob' | 'RepairOrder' | 'Invoice' | 'CreditNote' | 'Dashboard';

const readShop = (can: Can<ShopSubject>) => can('read', ['Location', 'Customer', 'Vehicle', 'Quote', 'CannedJob', 'RepairOrder']);

/** What each role may do in the shop (owners and admins manage all: the kernel's grant). An auditor reads and never writes. */
export const SHOP_GRANTS: ContextGrants<ShopSubject> = {
  roles: {
    manager: (can) => {
      can(['create', 'read', 'update'], ['Location', 'Customer', 'Vehicle']);
      can(['create', 'read', 'update', 'send', 'approve', 'decline'], 'Quote');
      can(['create', 'read', 'update'], 'CannedJob');
      can(['read', 'assign', 'submit', 'review'], 'RepairOrder');
      can(['create', 'read', 'pay', 'void'], 'Invoice');
      can(['create', 'read'], 'CreditNote');
      can('read', 'Dashboard');
    },
    service_advisor: (can) => {
      can('read', 'Location');
      can(['create', 'read', 'update'], ['Customer', 'Vehicle']);
      can(['create', 'read', 'update', 'send', 'approve', 'decline'], 'Quote');
      can(['create', 'read', 'update'], 'CannedJob');
      can(['read', 'assign', 'submit', 'review'], 'RepairOrder');
      can(['create', 'read', 'pay'], 'Invoice');
      can('read', 'CreditNote');
      can('read', 'Dashboard');
    },
    front_desk: (can) => {
      can(['create', 'read', 'update'], ['Customer', 'Vehicle']);
      can('read', ['Location', 'Quote']);
      can('read', ['CannedJob', 'RepairOrder']);
      can(['read', 'pay'], 'Invoice');
      can('read', 'CreditNote');
    },
    // Which lines a technician may work is decided on the repair order (assigned technicians only).
    technician: (can) => {
      readShop(can);
      can(['work', 'submit'], 'RepairOrder');
    },
    // Invoices are not in readShop: a technician has no business with the customer's bill.
    finance: (can) => {
      readShop(can);
      can(['read', 'pay', 'refund', 'void'], 'Invoice');
      // A credit note takes money off what is owed, like a refund gives money back: finance and managers, not the front desk.
      can(['create', 'read'], 'CreditNote');
      can('read', 'Dashboard');
    },
    revenue_assurance: (can) => {
      readShop(can);
      can('read', ['Invoice', 'CreditNote']);
    },
    ceo: (can) => {
      readShop(can);
      can('read', ['Invoice', 'CreditNote']);
    },
    auditor: (can) => {
      readShop(can);
      can('read', ['Invoice', 'CreditNote']);
      can('read', 'Dashboard');
    },
  },
};
