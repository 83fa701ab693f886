import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireAbility, NotFoundError } from '@workbay/platform';
import { UpdateUserInput, UserPage, UserView, UsersArgs } from './users.dto';
import { UsersService } from './users.service';

const userId = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('user', '(malformed id)') });

@Resolver(() => UserView)
export class UsersResolver {
  constructor(private readonly service: UsersService) {}

  @Query(() => UserPage)
  @RequireAbility('read', 'User')
  users(@Args() args: UsersArgs): Promise<UserPage> {
    return this.service.list(args);
  }

  @Mutation(() => UserView)
  @RequireAbility('update', 'User')
  updateUser(@Args('id', { type: () => ID }, userId) id: string, @Args('input') input: UpdateUserInput): Promise<UserView> {
    return this.service.update(id, input);
  }

  @Mutation(() => UserView, { description: "Takes a user's access away at once (POST /users/{id}/deactivate)" })
  @RequireAbility('update', 'User')
  deactivateUser(@Args('id', { type: () => ID }, userId) id: string): Promise<UserView> {
    return this.service.deactivate(id);
  }

  @Mutation(() => UserView, { description: 'Gives a deactivated user their access back (POST /users/{id}/reactivate)' })
  @RequireAbility('update', 'User')
  reactivateUser(@Args('id', { type: () => ID }, userId) id: string): Promise<UserView> {
    return this.service.reactivate(id);
  }
}
