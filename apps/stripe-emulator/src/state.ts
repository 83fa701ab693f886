import { randomBytes } from 'node:crypto';
import { missing } from './errors';

export type StripeObject = Record<string, unknown> & { id: string; object: string };

/** Where an object lives: `null` is the platform's own account, else a connected `acct_...`. */
export type AccountScope = string | null;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function stripeId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let s = '';
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${s}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The emulator's memory: every object with the account it belongs to. It emulates an external
 * SaaS, so nothing here is durable; a restart is a fresh Stripe test mode.
 */
export class EmulatorState {
  private readonly objects = new Map<string, { account: AccountScope; value: StripeObject }>();

  put<T extends StripeObject>(account: AccountScope, value: T): T {
    this.objects.set(value.id, { account, value });
    return value;
  }

  /** 404 unless the object exists on this account: a connected account never sees another's objects. */
  get<T extends StripeObject>(kind: string, id: string, account: AccountScope, param = 'id'): T {
    const found = this.objects.get(id);
    if (!found || found.value.object !== kind || found.account !== account) throw missing(kind, id, param);
    return found.value as T;
  }

  /** Any account (emulator control endpoints act as the customer or as Stripe itself). */
  find<T extends StripeObject>(kind: string, id: string): { account: AccountScope; value: T } {
    const found = this.objects.get(id);
    if (!found || found.value.object !== kind) throw missing(kind, id);
    return found as { account: AccountScope; value: T };
  }

  list<T extends StripeObject>(kind: string, account: AccountScope): T[] {
    return [...this.objects.values()].filter((o) => o.value.object === kind && o.account === account).map((o) => o.value as T);
  }

  exists(kind: string, id: string): boolean {
    return this.objects.get(id)?.value.object === kind;
  }
}
