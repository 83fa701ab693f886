import { performance } from 'node:perf_hooks';

/**
 * One run of `probe` at a time, shared by every caller that asks while it runs, and its answer
 * reused for `reuseMs` after it settled. A load balancer (or several) polling /health then costs
 * one check of each dependency per `reuseMs`, not one per probe (issue #10). A rejection is not
 * reused: the next caller runs the probe again.
 */
export class SharedProbe<T> {
  private inFlight?: Promise<T>;
  private settled?: { value: T; at: number };

  constructor(private readonly probe: () => Promise<T>, private readonly reuseMs: number, private readonly now: () => number = () => performance.now()) {}

  get(): Promise<T> {
    if (this.inFlight) return this.inFlight;
    if (this.settled && this.now() - this.settled.at < this.reuseMs) return Promise.resolve(this.settled.value);
    const run = this.probe().then(
      (value) => {
        this.settled = { value, at: this.now() };
        return value;
      },
    ).finally(() => {
      this.inFlight = undefined;
    });
    this.inFlight = run;
    return run;
  }
}
