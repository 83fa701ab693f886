import { Controller, Get, Header, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Pool } from 'pg';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { Public } from '../auth/public.decorator';
import { AppConfig } from '../config/config';
import { SYSTEM_POOL } from '../database/system-pool';

type HttpLabels = { method: string; route: string; status: string };

/** What the request edge records when a response is done. */
export interface HttpMetrics {
  observe(method: string, route: string, status: number, seconds: number): void;
}

@Injectable()
export class Metrics implements OnModuleInit, HttpMetrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram<keyof HttpLabels>({
    name: 'workbay_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  /** One label object per (method, route, status): routes are a fixed set, so this stays small. */
  private readonly labels = new Map<string, HttpLabels>();

  constructor(@Inject(SYSTEM_POOL) private readonly pool: Pool, private readonly config: AppConfig) {}

  /** One observe with a reused label object, instead of startTimer's closure and label merge per request. */
  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${status} ${route}`;
    let labels = this.labels.get(key);
    if (!labels) {
      labels = { method, route, status: String(status) };
      this.labels.set(key, labels);
    }
    this.httpDuration.observe(labels, seconds);
  }

  onModuleInit() {
    collectDefaultMetrics({ register: this.registry, prefix: 'workbay_' });
    if (this.config.EVENT_STORE === 'postgres') registerProjectionLag(this.registry, this.pool);
    registerBacklogs(this.registry, this.pool);
  }
}

/**
 * Lag is read from the database at scrape time, so it is right whichever worker runs the
 * projection. It compares global positions, so it needs the PostgreSQL event store.
 */
export function registerProjectionLag(registry: Registry, pool: Pool): void {
  new Gauge({
    name: 'workbay_projection_lag_events',
    help: 'Events appended after the projection checkpoint (global positions behind the head)',
    labelNames: ['projection'],
    registers: [registry],
    async collect() {
      const { rows } = await pool.query(
        `select c.name, greatest(0, coalesce((select max(global_position) from eventstore.events), 0) - c.position) as lag
           from platform.projection_checkpoints c`,
      );
      for (const r of rows) this.set({ projection: r.name }, Number(r.lag));
    },
  });
}

/**
 * Work Postgres says is still to do, read at scrape time: Stripe events stored but not processed
 * (the queue is behind, or lost them and the sweep has not caught up) and identity changes whose
 * audit events are staged but not yet appended. Both should hover near 0.
 */
export function registerBacklogs(registry: Registry, pool: Pool): void {
  new Gauge({
    name: 'workbay_stripe_webhook_unprocessed_events',
    help: 'Stripe webhook events stored in the inbox and not yet processed',
    registers: [registry],
    async collect() {
      const { rows } = await pool.query(`select count(*)::int as n from platform.stripe_webhook_events where processed_at is null`);
      this.set(rows[0].n);
    },
  });
  new Gauge({
    name: 'workbay_audit_outbox_staged_changes',
    help: 'Identity changes whose audit events are staged and not yet appended to the tenant stream',
    registers: [registry],
    async collect() {
      const { rows } = await pool.query(`select count(*)::int as n from platform.audit_outbox`);
      this.set(rows[0].n);
    },
  });
}

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics: request durations, process figures, projection lag, webhook and audit outbox backlogs' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', schema: { type: 'string' } })
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
