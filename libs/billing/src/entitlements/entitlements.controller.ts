import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireAbility } from '@workbay/platform';
import { EntitlementsQuery } from './entitlements.query';
import { EntitlementsView } from './entitlements.views';

@ApiTags('billing')
@ApiBearerAuth()
@Controller('billing/entitlements')
export class EntitlementsController {
  constructor(private readonly query: EntitlementsQuery) {}

  @Get()
  @RequireAbility('read', 'Entitlements')
  @ApiOkResponse({ type: EntitlementsView })
  @ApiOperation({ summary: "The shop's plan version, features (and overrides) and quotas with this period's usage" })
  current(): Promise<EntitlementsView> {
    return this.query.current();
  }
}
