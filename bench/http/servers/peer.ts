/**
 * The peer: what a team would write by hand with NestJS and `pg` for the same two requests,
 * keeping the same tenancy rule (RLS on `app.tenant_id`, set per transaction with
 * `set_config(..., true)`, as the app role without BYPASSRLS) and the same token check (our
 * HS256 token: signature with a key object made once, issuer, audience, expiry; tenant from `tid`).
 * What it leaves out on purpose is the platform: CASL, the per-request role re-check, events,
 * idempotency, audit, logging, metrics. The gap to it is the price of those.
 * bench:metering uses its third route, a CloudEvents batch taken as rows.
 */
import 'reflect-metadata';
import { BadRequestException, Body, Controller, Get, Headers, HttpCode, Injectable, Module, NotFoundException, Param, Post, UnauthorizedException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createSecretKey, randomUUID } from 'node:crypto';
import { verify } from 'jsonwebtoken';
import { Pool, PoolClient } from 'pg';

const key = createSecretKey(Buffer.from(process.env.JWT_SECRET!, 'utf8'));
const pool = new Pool({ connectionString: process.env.APP_DATABASE_URL, max: 10 });

@Injectable()
class Tenancy {
  tenantOf(authorization: string | undefined): string {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
    try {
      const claims = verify(token, key, { algorithms: ['HS256'], issuer: process.env.JWT_ISSUER, audience: process.env.JWT_AUDIENCE }) as { tid?: string };
      if (!claims.tid) throw new Error('no tenant');
      return claims.tid;
    } catch {
      throw new UnauthorizedException();
    }
  }

  async inTenant<T>(tenantId: string, fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
      const result = await fn(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

@Controller()
class PeerController {
  constructor(private readonly tenancy: Tenancy) {}

  @Get('ready')
  ready() {
    return { ok: true };
  }

  /** The quote and its lines, from the same read-model tables Workbay's GET /quotes/{id} reads. */
  @Get('quotes/:id')
  async quote(@Param('id') id: string, @Headers('authorization') authorization?: string) {
    const tenantId = this.tenancy.tenantOf(authorization);
    return this.tenancy.inTenant(tenantId, async (c) => {
      const { rows: [quote] } = await c.query(
        `select id, customer_id, vehicle_id, status, revision, currency, subtotal_minor, created_at, sent_at from shop.quotes where tenant_id = $1 and id = $2`,
        [tenantId, id],
      );
      if (!quote) throw new NotFoundException();
      const { rows: lines } = await c.query(
        `select line_id, kind, description, quantity, unit_price_minor, total_minor, taxable, decision from shop.quote_lines where tenant_id = $1 and quote_id = $2 order by ordinal`,
        [tenantId, id],
      );
      return { ...quote, lines };
    });
  }

  /** One row into a table of its own (bench/http/peer-schema.ts), under the same RLS rule. */
  @Post('customers')
  @HttpCode(201)
  async register(@Body() body: { firstName: string; lastName: string; phone?: string }, @Headers('authorization') authorization?: string) {
    const tenantId = this.tenancy.tenantOf(authorization);
    const id = randomUUID();
    await this.tenancy.inTenant(tenantId, (c) =>
      c.query(`insert into bench_peer.customers (tenant_id, id, first_name, last_name, phone) values ($1, $2, $3, $4, $5)`, [tenantId, id, body.firstName, body.lastName, body.phone ?? null]),
    );
    return { id };
  }

  /**
   * A CloudEvents batch as a team would take it by hand: each event needs a string `id` and
   * `type`, a `time` that parses and an object `data` (else the request is a 400); the batch is
   * one INSERT of the rows, a repeated (tenant, id) dropped by the key, in the tenant's RLS
   * transaction; the answer says per event whether it was accepted or a duplicate.
   */
  @Post('usage/events/batch')
  @HttpCode(200)
  async recordUsage(@Body() body: unknown, @Headers('authorization') authorization?: string) {
    const tenantId = this.tenancy.tenantOf(authorization);
    if (!Array.isArray(body) || body.length > 1000) throw new BadRequestException('a JSON array of at most 1000 CloudEvents');
    const rows = body.map((e: { id?: unknown; type?: unknown; time?: unknown; data?: unknown }, index) => {
      if (typeof e?.id !== 'string' || typeof e.type !== 'string' || typeof e.time !== 'string' || Number.isNaN(Date.parse(e.time))
        || typeof e.data !== 'object' || e.data === null) throw new BadRequestException(`event ${index}: id, type, time and data are required`);
      return { id: e.id, type: e.type, time: e.time, data: e.data };
    });
    const inserted = await this.tenancy.inTenant(tenantId, (c) =>
      c.query<{ id: string }>(
        `insert into bench_peer.usage_events (tenant_id, id, type, occurred_at, data)
           select $1::uuid, x.id, x.type, x.time, x.data from jsonb_to_recordset($2::jsonb) as x(id text, type text, time timestamptz, data jsonb)
           order by x.id
           on conflict do nothing
           returning id`,
        [tenantId, JSON.stringify(rows)],
      ),
    );
    const fresh = new Set(inserted.rows.map((r) => r.id));
    const results = rows.map((r, index) => ({ index, id: r.id, status: fresh.delete(r.id) ? 'accepted' : 'duplicate' }));
    const accepted = inserted.rows.length;
    return { accepted, duplicates: rows.length - accepted, rejected: 0, results };
  }
}

@Module({ controllers: [PeerController], providers: [Tenancy] })
class PeerModule {}

async function main() {
  const app = await NestFactory.create<NestExpressApplication>(PeerModule, { logger: false });
  // Registered before init, it replaces Nest's default parser. A batch of 1,000 CloudEvents is ~270 kB, past the 100 kB default; taken as JSON whatever its CloudEvents media type.
  app.useBodyParser('json', { limit: '2mb', type: ['application/json', 'application/cloudevents-batch+json'] });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
