import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireAbility, NotFoundError } from '@workbay/platform';
import { UpdateUserInput, UserPage, UserView, UsersArgs } from './users.dto';
import { UsersService } from './users.service';

const userId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('user', '(malformed id)') });

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequireAbility('read', 'User')
  @ApiOperation({ summary: "The shop's users, e.g. ?role=technician&locationId=... to pick technicians" })
  @ApiOkResponse({ type: UserPage })
  list(@Query() args: UsersArgs): Promise<UserPage> {
    return this.users.list(args);
  }

  @Patch(':id')
  @RequireAbility('update', 'User')
  @ApiOperation({ summary: "Changes a user's roles and/or location (takes effect on their next request)" })
  @ApiOkResponse({ type: UserView })
  update(@Param('id', userId) id: string, @Body() input: UpdateUserInput): Promise<UserView> {
    return this.users.update(id, input);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @RequireAbility('update', 'User')
  @ApiOperation({ summary: "Takes a user's access away at once: their tokens stop working on the next request, login refuses them (an owner's needs an owner; not yourself; never the last active owner)" })
  @ApiOkResponse({ type: UserView })
  deactivate(@Param('id', userId) id: string): Promise<UserView> {
    return this.users.deactivate(id);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @RequireAbility('update', 'User')
  @ApiOperation({ summary: 'Gives a deactivated user their access back, with the roles they had (an owner\'s needs an owner)' })
  @ApiOkResponse({ type: UserView })
  reactivate(@Param('id', userId) id: string): Promise<UserView> {
    return this.users.reactivate(id);
  }
}
