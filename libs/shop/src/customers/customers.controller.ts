import { Body, Controller, Get, Param, Patch, Post, Put, Query as QueryParams } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadsProjection, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { CommandResultView, IdOf, PageArgs } from '@workbay/platform';
import { CUSTOMER_DIRECTORY, CustomerDetail, CustomerDirectory } from './customer-directory.queries';
import { CustomerPage, CustomerView, RegisterCustomerInput, SetPreferredLocationsInput, UpdateCustomerContactInput } from './customer.dto';
import { RegisterCustomer } from './register-customer';
import { SetPreferredLocations } from './set-preferred-locations';
import { UpdateCustomerContact } from './update-customer-contact';
import { SetCustomerBilling } from './set-customer-billing';
import { SetCustomerBillingInput } from './customer-billing.dto';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @RequireAbility('create', 'Customer')
  @RequireEntitlement({ meter: 'customers_created' })
  @ApiCreatedResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Registers a customer (name and an e-mail or phone)' })
  register(@Body() input: RegisterCustomerInput): Promise<CommandResultView> {
    return this.commands.execute(new RegisterCustomer(input));
  }

  @Patch(':id')
  @RequireAbility('update', 'Customer')
  @ApiOkResponse({ type: CommandResultView, description: 'omitted fields stay; null removes one (an email or a phone must remain)' })
  @ApiOperation({ summary: 'Changes a customer\'s contact details' })
  updateContact(@Param('id', IdOf('customer')) id: string, @Body() input: UpdateCustomerContactInput): Promise<CommandResultView> {
    return this.commands.execute(new UpdateCustomerContact(id, input));
  }

  @Put(':id/preferred-locations')
  @RequireAbility('update', 'Customer')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Replaces a customer\'s preferred shop locations' })
  setPreferredLocations(@Param('id', IdOf('customer')) id: string, @Body() input: SetPreferredLocationsInput): Promise<CommandResultView> {
    return this.commands.execute(new SetPreferredLocations(id, input));
  }

  @Put(':id/billing')
  @RequireAbility('update', 'Customer')
  @ApiOkResponse({ type: CommandResultView, description: 'both are replaced: an omitted or null address or tax id is removed' })
  @ApiOperation({ summary: "Sets a customer's billing address and tax id (GSTIN or EU VAT id); invoices derive the place of supply from them" })
  setBilling(@Param('id', IdOf('customer')) id: string, @Body() input: SetCustomerBillingInput): Promise<CommandResultView> {
    return this.commands.execute(new SetCustomerBilling(id, input));
  }

  @Get()
  @RequireAbility('read', 'Customer')
  @ReadsProjection(CUSTOMER_DIRECTORY)
  @ApiOkResponse({ type: CustomerPage })
  @ApiOperation({ summary: 'Customers, paged by cursor' })
  list(@QueryParams() page: PageArgs): Promise<CustomerPage> {
    return this.queries.execute(new CustomerDirectory(page.first ?? 20, page.after));
  }

  @Get(':id')
  @RequireAbility('read', 'Customer')
  @ReadsProjection(CUSTOMER_DIRECTORY)
  @ApiOkResponse({ type: CustomerView })
  @ApiOperation({ summary: 'One customer' })
  detail(@Param('id', IdOf('customer')) id: string): Promise<CustomerView> {
    return this.queries.execute(new CustomerDetail(id));
  }
}

