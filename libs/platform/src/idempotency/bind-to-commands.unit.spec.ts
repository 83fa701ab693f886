import { Controller, Delete, Get, Head, Injectable, Module, Patch, Post, Put } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { Mutation, Query, Resolver } from '@nestjs/graphql';
import { bindToCommands } from './bind-to-commands';

@Injectable()
class KeyInterceptor {
  intercept() { return undefined; }
}

@Controller('things')
class ThingsController {
  @Get() list() { return []; }
  @Head() peek() { return undefined; }
  @Post() create() { return {}; }
  @Put(':id') replace() { return {}; }
  @Patch(':id') change() { return {}; }
  @Delete(':id') remove() { return {}; }
  helper() { return 'not a route'; }
}

@Resolver()
class ThingsResolver {
  @Query(() => String) thing() { return ''; }
  @Mutation(() => String) createThing() { return ''; }
}

@Module({ controllers: [ThingsController], providers: [ThingsResolver] })
class ThingsModule {}

@Controller('nested')
class NestedController {
  @Post() act() { return {}; }
}

const interceptorsOf = (fn: Function): unknown[] => Reflect.getMetadata(INTERCEPTORS_METADATA, fn) ?? [];

describe('bindToCommands: Idempotency-Key on commands only', () => {
  const nested = { module: class NestedModule {}, controllers: [NestedController] };
  const root = { module: class RootModule {}, imports: [ThingsModule, { forwardRef: () => nested }] };

  it('binds every REST route that is not a read, and every GraphQL mutation, through imports', () => {
    expect(bindToCommands([root], KeyInterceptor)).toBe(6);
    const c = ThingsController.prototype;
    for (const command of [c.create, c.replace, c.change, c.remove, ThingsResolver.prototype.createThing, NestedController.prototype.act]) {
      expect(interceptorsOf(command)).toEqual([KeyInterceptor]);
    }
    for (const read of [c.list, c.peek, c.helper, ThingsResolver.prototype.thing]) expect(interceptorsOf(read)).toEqual([]);
  });

  it('binds once however often it runs (one application after another in a process)', () => {
    bindToCommands([root], KeyInterceptor);
    expect(bindToCommands([root], KeyInterceptor)).toBe(0);
    expect(interceptorsOf(ThingsController.prototype.create)).toEqual([KeyInterceptor]);
  });
});
