import { Body, Controller, Get, HttpCode, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandResultView, RequireAbility } from '@workbay/platform';
import { QuoteDiscountThreshold, SetQuoteDiscountThreshold } from './quote-discount-threshold';
import { QuoteDiscountThresholdView, SetQuoteDiscountThresholdInput } from './quote-discount-threshold.dto';

@ApiTags('quotes')
@ApiBearerAuth()
@Controller('quote-discount-threshold')
export class QuoteDiscountThresholdController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Put()
  @HttpCode(200)
  @RequireAbility('manage', 'Quote')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: "Sets the shop's quote discount threshold (owners and admins); above it a discount needs an approved discount request" })
  set(@Body() input: SetQuoteDiscountThresholdInput): Promise<CommandResultView> {
    return this.commands.execute(new SetQuoteDiscountThreshold(input));
  }

  @Get()
  @RequireAbility('read', 'Quote')
  @ApiOkResponse({ type: QuoteDiscountThresholdView })
  @ApiOperation({ summary: "The shop's quote discount threshold (no limits until one is set)" })
  get(): Promise<QuoteDiscountThresholdView> {
    return this.queries.execute(new QuoteDiscountThreshold());
  }
}
