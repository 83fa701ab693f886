import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query as QueryParams } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadsProjection, RequireAbility } from '@workbay/platform';
import { CUSTOMER_DIRECTORY } from '../customers/customer-directory.queries';
import { CommandResultView, IdOf, PageArgs } from '@workbay/platform';
import { FormHousehold } from './form-household';
import { HouseholdDetail, HouseholdDirectory } from './household-directory.queries';
import { FormHouseholdInput, HouseholdPage, HouseholdView, SetHouseholdBillingInput } from './household.dto';
import { AddHouseholdMember, RemoveHouseholdMember } from './household-membership';
import { RenameHousehold } from './rename-household';
import { SetHouseholdBilling } from './set-household-billing';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('households')
export class HouseholdsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @RequireAbility('create', 'Customer')
  @ApiCreatedResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Forms a household' })
  form(@Body() input: FormHouseholdInput): Promise<CommandResultView> {
    return this.commands.execute(new FormHousehold(input));
  }

  @Patch(':id')
  @RequireAbility('update', 'Customer')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Renames a household' })
  rename(@Param('id', IdOf('household')) id: string, @Body() input: FormHouseholdInput): Promise<CommandResultView> {
    return this.commands.execute(new RenameHousehold(id, input));
  }

  @Put(':id/billing')
  @RequireAbility('update', 'Customer')
  @ApiOkResponse({ type: CommandResultView, description: 'both are replaced: an omitted or null address or tax id is removed' })
  @ApiOperation({ summary: "Sets a household's billing address and tax id (GSTIN or EU VAT id); members without billing details of their own are invoiced to them" })
  setBilling(@Param('id', IdOf('household')) id: string, @Body() input: SetHouseholdBillingInput): Promise<CommandResultView> {
    return this.commands.execute(new SetHouseholdBilling(id, input));
  }

  @Post(':id/members/:customerId')
  @HttpCode(200)
  @RequireAbility('update', 'Customer')
  @ApiOkResponse({ type: CommandResultView, description: 'moves the customer here from any other household; the result is the customer stream' })
  @ApiOperation({ summary: 'Adds a customer to a household' })
  addMember(@Param('id', IdOf('household')) id: string, @Param('customerId', IdOf('customer')) customerId: string): Promise<CommandResultView> {
    return this.commands.execute(new AddHouseholdMember(id, customerId));
  }

  @Delete(':id/members/:customerId')
  @RequireAbility('update', 'Customer')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Removes a customer from a household' })
  removeMember(@Param('id', IdOf('household')) id: string, @Param('customerId', IdOf('customer')) customerId: string): Promise<CommandResultView> {
    return this.commands.execute(new RemoveHouseholdMember(id, customerId));
  }

  @Get()
  @RequireAbility('read', 'Customer')
  @ReadsProjection(CUSTOMER_DIRECTORY)
  @ApiOkResponse({ type: HouseholdPage })
  @ApiOperation({ summary: 'Households, paged by cursor' })
  list(@QueryParams() page: PageArgs): Promise<HouseholdPage> {
    return this.queries.execute(new HouseholdDirectory(page.first ?? 20, page.after));
  }

  @Get(':id')
  @RequireAbility('read', 'Customer')
  @ReadsProjection(CUSTOMER_DIRECTORY)
  @ApiOkResponse({ type: HouseholdView, description: 'the household with its members and all their vehicles' })
  @ApiOperation({ summary: 'One household with its members and their vehicles' })
  detail(@Param('id', IdOf('household')) id: string): Promise<HouseholdView> {
    return this.queries.execute(new HouseholdDetail(id));
  }
}
