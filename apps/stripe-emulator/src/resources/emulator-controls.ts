import type { Route } from '../route';
import { invalid, missing } from '../errors';
import { completeOnboarding } from './accounts';
import { confirm, PaymentIntent } from './payment-intents';

/**
 * Test hooks outside Stripe's API (under /_emulator, no API key): act as the customer paying in
 * their browser or the shop owner finishing Stripe's onboarding form, re-send an event to prove
 * the receiver deduplicates, inspect deliveries. The customer's bank opening and deciding a dispute is in disputes.ts.
 */
export function controlRoutes(): Route[] {
  return [
    {
      control: true,
      method: 'POST',
      path: /^\/_emulator\/payment_intents\/([^/]+)\/succeed$/,
      handle: ({ match: [id], params }, emu) => {
        const { account, value } = emu.state.find<PaymentIntent>('payment_intent', id);
        return confirm(emu, value, account, (params.payment_method as string | undefined) ?? 'pm_card_visa');
      },
    },
    {
      control: true,
      method: 'POST',
      path: /^\/_emulator\/accounts\/([^/]+)\/complete_onboarding$/,
      handle: ({ match: [id] }, emu) => completeOnboarding(emu, id),
    },
    {
      control: true,
      method: 'POST',
      path: /^\/_emulator\/events\/([^/]+)\/resend$/,
      handle: async ({ match: [id] }, emu) => {
        const event = emu.events.find((e) => e.id === id);
        if (!event) throw missing('event', id);
        const status = await emu.webhooks.deliver(event);
        return { id, delivered: typeof status === 'number' && status >= 200 && status < 300, status };
      },
    },
    {
      control: true,
      method: 'GET',
      path: /^\/_emulator\/events$/,
      handle: (_req, emu) => ({ object: 'list', data: emu.events }),
    },
    {
      control: true,
      method: 'GET',
      path: /^\/_emulator\/deliveries$/,
      handle: (_req, emu) => ({ object: 'list', data: emu.webhooks.attempts }),
    },
    {
      control: true,
      method: 'POST',
      path: /^\/_emulator\/webhook_endpoint$/,
      handle: ({ params }, emu) => {
        if (typeof params.url !== 'string' || typeof params.secret !== 'string') throw invalid('url and secret are required');
        emu.webhooks.endpoint = { url: params.url, secret: params.secret };
        return { url: params.url };
      },
    },
  ];
}
