import { Body, Controller, Get, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandResultView, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { ChangeSchedulingSettings } from './change-scheduling-settings';
import { SchedulingSettingsOf } from './scheduling-settings.query';
import { SchedulingSettingsInput, SchedulingSettingsView } from './settings.dto';

@ApiTags('scheduling')
@ApiBearerAuth()
@Controller('scheduling/settings')
@RequireEntitlement({ feature: 'scheduling' })
export class SchedulingSettingsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Get()
  @RequireAbility('read', 'SchedulingSettings')
  @ApiOkResponse({ type: SchedulingSettingsView })
  @ApiOperation({ summary: "The tenant's scheduling settings (the defaults until changed)" })
  read(): Promise<SchedulingSettingsView> {
    return this.queries.execute(new SchedulingSettingsOf());
  }

  @Put()
  @RequireAbility('update', 'SchedulingSettings')
  @ApiOkResponse({ type: CommandResultView, description: 'omitted settings keep their value' })
  @ApiOperation({ summary: 'Changes the cancellation window, late-cancel fee, reminder offsets or hold TTL' })
  change(@Body() input: SchedulingSettingsInput): Promise<CommandResultView> {
    return this.commands.execute(new ChangeSchedulingSettings(input));
  }
}
