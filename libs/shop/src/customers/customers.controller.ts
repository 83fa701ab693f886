import { Body, Controller, Get, Param, Post, Query as QueryParams } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReadsProjection, RequireAbility } from '@workbay/platform';
import { CommandResultView } from '../shared/command-result';
import { IdOf } from '../shared/id-param';
import { PageArgs } from '../shared/pagination';
import { CUSTOMER_DIRECTORY, CustomerDetail, CustomerDirectory } from './customer-directory.queries';
import { CustomerPage, CustomerView, RegisterCustomerInput } from './customer.dto';
import { RegisterCustomer } from './register-customer';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @RequireAbility('create', 'Customer')
  @ApiCreatedResponse({ type: CommandResultView })
  register(@Body() input: RegisterCustomerInput): Promise<CommandResultView> {
    return this.commands.execute(new RegisterCustomer(input));
  }

  @Get()
  @RequireAbility('read', 'Customer')
  @ReadsProjection(CUSTOMER_DIRECTORY)
  @ApiOkResponse({ type: CustomerPage })
  list(@QueryParams() page: PageArgs): Promise<CustomerPage> {
    return this.queries.execute(new CustomerDirectory(page.first ?? 20, page.after));
  }

  @Get(':id')
  @RequireAbility('read', 'Customer')
  @ReadsProjection(CUSTOMER_DIRECTORY)
  @ApiOkResponse({ type: CustomerView })
  detail(@Param('id', IdOf('customer')) id: string): Promise<CustomerView> {
    return this.queries.execute(new CustomerDetail(id));
  }
}

