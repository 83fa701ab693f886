/**
 * The fixed anchor: a bare NestJS 11 route on Express, nothing else (no guard, pipe, logger,
 * database). Every ratio of the bench is taken against it, in the same run.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Controller()
class AnchorController {
  @Get('anchor')
  anchor(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [AnchorController] })
class AnchorModule {}

async function main() {
  const app = await NestFactory.create(AnchorModule, { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
