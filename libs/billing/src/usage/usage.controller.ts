import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { AcceptsApiKey, RequireAbility, ValidationFailed } from '@workbay/platform';
import { MAX_USAGE_BATCH, RecordUsage, singleResult, UsageBatchResult, UsageItemResult } from './record-usage';
import { UsageFormat } from './usage-envelope.rules';
import { CloudEventInput, UsageBatchResultView, UsageEventInput, UsageItemResultView } from './usage.dto';

// anyOf: a Workbay JSON body carrying `specversion` is read as a CloudEvent, so the two overlap.
const oneEvent = { anyOf: [{ $ref: getSchemaPath(UsageEventInput) }, { $ref: getSchemaPath(CloudEventInput) }] };

/** `application/cloudevents+json` / `-batch+json` (or a body carrying `specversion`) is CloudEvents 1.0 structured mode. */
const formatOf = (contentType: string | undefined): UsageFormat => (/^application\/cloudevents(-batch)?\+json\b/i.test(contentType ?? '') ? 'cloudevents' : 'json');

@ApiTags('usage')
@ApiBearerAuth()
@ApiExtraModels(UsageEventInput, CloudEventInput)
@Controller('usage/events')
export class UsageController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @RequireAbility('create', 'Usage')
  @AcceptsApiKey('usage:write')
  @ApiConsumes('application/json', 'application/cloudevents+json')
  @ApiBody({ schema: oneEvent, description: 'one usage event: Workbay JSON, or a CloudEvent in structured mode' })
  @ApiOkResponse({ type: UsageItemResultView, description: 'accepted (counted in `period`) or duplicate (its id was recorded before: not counted again)' })
  @ApiOperation({ summary: 'Records one usage event (RecordUsage); its id is the dedupe key. A refused event is a 400/422 naming the field' })
  async record(@Body() body: Record<string, unknown>, @Headers('content-type') contentType?: string): Promise<UsageItemResult> {
    return singleResult(await this.commands.execute(new RecordUsage([body], formatOf(contentType))));
  }

  @Post('batch')
  @HttpCode(200)
  @RequireAbility('create', 'Usage')
  @AcceptsApiKey('usage:write')
  @ApiConsumes('application/json', 'application/cloudevents-batch+json')
  @ApiBody({ schema: { type: 'array', maxItems: MAX_USAGE_BATCH, items: oneEvent }, description: `up to ${MAX_USAGE_BATCH} usage events (a CloudEvents batch, or Workbay JSON); more is a 413` })
  @ApiOkResponse({ type: UsageBatchResultView, description: 'partial success: one answer per event, in order (accepted, duplicate or rejected with the field)' })
  @ApiOperation({ summary: `Records up to ${MAX_USAGE_BATCH} usage events; each is accepted, duplicate or rejected on its own` })
  recordBatch(@Body() body: unknown[], @Headers('content-type') contentType?: string): Promise<UsageBatchResult> {
    if (!Array.isArray(body)) throw new ValidationFailed([{ field: 'body', message: 'must be a JSON array of usage events' }]);
    return this.commands.execute(new RecordUsage(body, formatOf(contentType)));
  }
}
