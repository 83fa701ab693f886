import { SharedProbe } from './shared-probe';

/** A probe whose runs the test settles by hand, and a clock it moves by hand. */
function controlled() {
  const runs: { resolve(v: string): void; reject(e: Error): void }[] = [];
  let now = 0;
  const probe = new SharedProbe(() => new Promise<string>((resolve, reject) => runs.push({ resolve, reject })), 1000, () => now);
  return { probe, runs, advance: (ms: number) => { now += ms; } };
}

describe('SharedProbe (GET /health under a load balancer)', () => {
  it('runs once for every caller that asks while a run is in flight', async () => {
    const { probe, runs } = controlled();
    const answers = Promise.all([probe.get(), probe.get(), probe.get()]);
    expect(runs).toHaveLength(1);
    runs[0].resolve('up');
    expect(await answers).toEqual(['up', 'up', 'up']);
  });

  it('reuses a settled answer for its window, then runs again', async () => {
    const { probe, runs, advance } = controlled();
    const first = probe.get();
    runs[0].resolve('up');
    await first;
    advance(999);
    expect(await probe.get()).toBe('up');
    expect(runs).toHaveLength(1);
    advance(1);
    const next = probe.get();
    expect(runs).toHaveLength(2);
    runs[1].resolve('down');
    expect(await next).toBe('down');
  });

  it('does not reuse a failed run: the next caller runs the probe again', async () => {
    const { probe, runs } = controlled();
    const failed = probe.get();
    runs[0].reject(new Error('boom'));
    await expect(failed).rejects.toThrow('boom');
    const retried = probe.get();
    expect(runs).toHaveLength(2);
    runs[1].resolve('up');
    expect(await retried).toBe('up');
  });
});
