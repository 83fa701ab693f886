import { ConcurrencyError } from '@workbay/eventstore';

/**
 * Runs a read-decide-append again when another writer appended to the stream in between. Safe
 * only where `decide` re-checks everything on the fresh state (a payment re-checks the balance
 * and its reference), which is what makes a concurrent till payment and a Stripe webhook on the
 * same invoice both land, or the second refused for the right reason, instead of a bare 409.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * i));
    }
  }
}
