/**
 * The peer: what a team would write by hand with NestJS and `pg` for the same two requests,
 * keeping the same tenancy rule (RLS on `app.tenant_id`, set per transaction with
 * `set_config(..., true)`, as the app role without BYPASSRLS) and the same token check (our
 * HS256 token: signature with a key object made once, issuer, audience, expiry; tenant from `tid`).
 * What it leaves out on purpose is the platform: CASL, the per-request role re-check, events,
 * idempotency, audit, logging, metrics. The gap to it is the price of those.
 */
import 'reflect-metadata';
import { Body, Controller, Get, Headers, HttpCode, Injectable, Module, NotFoundException, Param, Post, UnauthorizedException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
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
}

@Module({ controllers: [PeerController], providers: [Tenancy] })
class PeerModule {}

async function main() {
  const app = await NestFactory.create(PeerModule, { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
