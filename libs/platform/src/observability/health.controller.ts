import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthView } from './health.dto';
import type { Response } from 'express';
import { EventStore } from '@workbay/eventstore';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { Public } from '../auth/public.decorator';
import { SYSTEM_POOL } from '../database/system-pool';
import { SYSTEM_EVENT_STORE } from '../eventstore/open-event-store';

export const REDIS = Symbol('REDIS');

async function check(fn: () => Promise<unknown>): Promise<{ status: 'up' | 'down'; error?: string }> {
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(SYSTEM_POOL) private readonly pool: Pool,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SYSTEM_EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness of PostgreSQL, the event store and Redis' })
  @ApiOkResponse({ type: HealthView, description: 'every dependency is up' })
  @ApiServiceUnavailableResponse({ type: HealthView, description: 'a dependency is down (named in checks)' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthView> {
    const checks = {
      postgres: await check(() => this.pool.query('select 1')),
      eventStore: await check(() => this.store.readAll(null, 1)),
      redis: await check(() => this.redis.ping()),
    };
    const ok = Object.values(checks).every((c) => c.status === 'up');
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', checks };
  }
}
