import { Body, Controller, Get, HttpCode, Param, Post, Query as QueryParams } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadsProjection, RequireAbility } from '@workbay/platform';
import { CommandResultView, IdOf } from '@workbay/platform';
import { ApproveQuote } from './approve-quote';
import { CreateQuote } from './create-quote';
import { DeclineQuote } from './decline-quote';
import { AsOfArgs, QuoteBoardArgs } from './quote-board.args';
import { QUOTE_BOARD, QuoteBoard, QuoteDetail } from './quote-board.queries';
import { ApproveQuoteInput, CreateQuoteInput, DeclineQuoteInput, QuotePage, QuoteView, ReviseQuoteInput, SendQuoteInput } from './quote.dto';
import { ReviseQuote } from './revise-quote';
import { SendQuote } from './send-quote';

@ApiTags('quotes')
@ApiBearerAuth()
@Controller('quotes')
export class QuotesController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @RequireAbility('create', 'Quote')
  @ApiCreatedResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Creates a draft quote for a customer, vehicle and location' })
  create(@Body() input: CreateQuoteInput): Promise<CommandResultView> {
    return this.commands.execute(new CreateQuote(input));
  }

  @Post(':id/revise')
  @HttpCode(200)
  @RequireAbility('update', 'Quote')
  @ApiOkResponse({ type: CommandResultView, description: 'replaces the lines; the quote goes back to draft and must be sent again' })
  @ApiOperation({ summary: 'Revises a quote\'s lines (a new version, back to draft)' })
  revise(@Param('id', IdOf('quote')) id: string, @Body() input: ReviseQuoteInput): Promise<CommandResultView> {
    return this.commands.execute(new ReviseQuote(id, input));
  }

  @Post(':id/send')
  @HttpCode(200)
  @RequireAbility('send', 'Quote')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Sends a quote to the customer' })
  send(@Param('id', IdOf('quote')) id: string, @Body() input: SendQuoteInput): Promise<CommandResultView> {
    return this.commands.execute(new SendQuote(id, input));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequireAbility('approve', 'Quote')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Approves a sent quote in full or in part, against the version the customer saw' })
  approve(@Param('id', IdOf('quote')) id: string, @Body() input: ApproveQuoteInput): Promise<CommandResultView> {
    return this.commands.execute(new ApproveQuote(id, input));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @RequireAbility('decline', 'Quote')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Declines a sent quote' })
  decline(@Param('id', IdOf('quote')) id: string, @Body() input: DeclineQuoteInput): Promise<CommandResultView> {
    return this.commands.execute(new DeclineQuote(id, input));
  }

  @Get()
  @RequireAbility('read', 'Quote')
  @ReadsProjection(QUOTE_BOARD)
  @ApiOkResponse({ type: QuotePage })
  @ApiOperation({ summary: 'Quotes, paged by cursor' })
  list(@QueryParams() args: QuoteBoardArgs): Promise<QuotePage> {
    return this.queries.execute(new QuoteBoard(args.first ?? 20, args.after, args.status, args.customerId));
  }

  @Get(':id')
  @RequireAbility('read', 'Quote')
  @ReadsProjection(QUOTE_BOARD)
  @ApiOkResponse({ type: QuoteView })
  @ApiOperation({ summary: 'One quote (or as it stood at ?asOf=)' })
  detail(@Param('id', IdOf('quote')) id: string, @QueryParams() { asOf }: AsOfArgs): Promise<QuoteView> {
    return this.queries.execute(new QuoteDetail(id, asOf));
  }
}
