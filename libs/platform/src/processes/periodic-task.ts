import { Logger } from '@nestjs/common';

/**
 * Runs `pass` every `intervalMs` in this process, one pass at a time (the next is scheduled when
 * one ends, so a slow pass never overlaps itself). A failed pass is logged and the next one tries
 * again. For the worker's sweepers: whatever they do must be safe to repeat and to run in several
 * workers at once.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly pass: () => Promise<unknown>,
    private readonly logger = new Logger(name),
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  /** Stops scheduling and waits for a pass under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass()
        .then(() => undefined)
        .catch((error) => this.logger.warn({ msg: `${this.name} failed; the next pass will retry`, error: error instanceof Error ? error.message : String(error) }))
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.intervalMs);
  }
}
