import type { Route } from '../route';
import { missing } from '../errors';

/** The Events API (Stripe keeps 30 days), which a receiver reconciles from after an outage. */
export function eventRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/v1\/events\/([^/]+)$/,
      handle: ({ match: [id], account }, emu) => {
        const event = emu.events.find((e) => e.id === id && (e.account ?? null) === account);
        if (!event) throw missing('event', id);
        return event;
      },
    },
    {
      method: 'GET',
      path: /^\/v1\/events$/,
      handle: ({ params, account }, emu) => {
        const limit = Math.min(Number(params.limit ?? 10) || 10, 100);
        const type = params.type as string | undefined;
        const all = emu.events
          .filter((e) => (e.account ?? null) === account && (!type || e.type === type))
          .reverse();
        const after = params.starting_after as string | undefined;
        const from = after ? all.findIndex((e) => e.id === after) + 1 : 0;
        const data = all.slice(from, from + limit);
        return { object: 'list', url: '/v1/events', has_more: from + limit < all.length, data };
      },
    },
  ];
}
