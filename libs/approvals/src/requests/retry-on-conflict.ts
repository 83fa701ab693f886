import { ConcurrencyError } from '@workbay/eventstore';

/**
 * Runs `attempt` again when its append lost a race on the request's stream. The retry decides
 * on the state the winner wrote: a decision pinned to a gate the winner closed is then refused
 * as GATE_ALREADY_DECIDED (409), while a second approval towards a quorum of N counts.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, attempts = 30): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 5 * i)));
    }
  }
}
