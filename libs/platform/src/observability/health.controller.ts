import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthView } from './health.dto';
import type { Response } from 'express';
import { EventStore } from '@workbay/eventstore';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { Public } from '../auth/public.decorator';
import { SYSTEM_POOL } from '../database/system-pool';
import { SYSTEM_EVENT_STORE } from '../eventstore/open-event-store';
import { SharedProbe } from './shared-probe';

export const REDIS = Symbol('REDIS');

/** How long one answer of /health is reused (DI token; default HEALTH_REUSE_MS, 0 in tests that count checks). */
export const HEALTH_REUSE = Symbol('HEALTH_REUSE');
export const HEALTH_REUSE_MS = 1000;

/** How long one dependency may take before it counts as down. */
export const HEALTH_CHECK_TIMEOUT_MS = 2000;

/**
 * Up or down within the timeout. The timer is cleared as soon as the check settles: a timer
 * left armed per check per probe keeps 2 s of garbage alive under a load balancer's polling
 * (issue #10).
 */
async function check(fn: () => Promise<unknown>): Promise<{ status: 'up' | 'down'; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), HEALTH_CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([fn(), timeout]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  private readonly shared: SharedProbe<HealthView>;

  constructor(
    @Inject(SYSTEM_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SYSTEM_EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(HEALTH_REUSE) reuseMs: number = HEALTH_REUSE_MS,
  ) {
    this.shared = new SharedProbe(() => this.checkAll(), reuseMs);
  }

  @Public()
  @Get()
  @ApiOperation({
    summary: 'Liveness of PostgreSQL, the event store and Redis',
    description:
      `Checks the three dependencies side by side, each within ${HEALTH_CHECK_TIMEOUT_MS} ms. Probes that arrive while a check runs ` +
      `share its answer, and an answer is reused for ${HEALTH_REUSE_MS} ms after it settled: polling it often costs one check of ` +
      `each dependency per ${HEALTH_REUSE_MS / 1000} s, and a change of state shows within that time.`,
  })
  @ApiOkResponse({ type: HealthView, description: 'every dependency is up' })
  @ApiServiceUnavailableResponse({ type: HealthView, description: 'a dependency is down (named in checks)' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthView> {
    const view = await this.shared.get();
    res.status(view.status === 'ok' ? 200 : 503);
    return view;
  }

  private async checkAll(): Promise<HealthView> {
    // Side by side: a probe takes as long as the slowest dependency, not the sum of them.
    const [postgres, eventStore, redis] = await Promise.all([
      check(() => this.pool.query('select 1')),
      check(() => this.store.readAll(null, 1)),
      check(() => this.redis.ping()),
    ]);
    const checks = { postgres, eventStore, redis };
    const ok = Object.values(checks).every((c) => c.status === 'up');
    return { status: ok ? 'ok' : 'degraded', checks };
  }
}
