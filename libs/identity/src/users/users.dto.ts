import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { RoleEnum, ROLES, Role } from '@workbay/platform';

/** A user's access: invited (not accepted yet), active, or deactivated (roles kept, none usable). */
export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const;

/** What an owner or admin may change about a user; omitted fields stay as they are. */
@InputType({ description: 'What an owner or admin may change about a user; omitted fields stay as they are' })
export class UpdateUserInput {
  @Field(() => [RoleEnum], { nullable: true, description: 'the new roles (at least one)' }) @ApiPropertyOptional({ enum: ROLES, isArray: true, minItems: 1 })
  @IsOptional() @IsArray() @ArrayNotEmpty()
  @IsIn(ROLES as unknown as string[], { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles?: Role[];

  @Field(() => ID, { nullable: true, description: 'the shop location the user works at; null: none' })
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'the shop location the user works at; null: none' })
  @ValidateIf((_, value) => value !== null && value !== undefined) @IsUUID()
  locationId?: string | null;
}

@ArgsType()
export class UsersArgs {
  @Field(() => RoleEnum, { nullable: true, description: 'only users holding this role' }) @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES as unknown as string[], { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @Field(() => ID, { nullable: true, description: 'only users working at this location' }) @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  locationId?: string;

  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'page size, 1-200' }) @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  first?: number = 50;

  @Field({ nullable: true, description: 'cursor from the previous page (nextCursor)' }) @ApiPropertyOptional({ description: 'cursor from the previous page (nextCursor)' })
  @IsOptional() @IsString()
  after?: string;
}

@ObjectType({ description: 'A user of the shop' })
export class UserView {
  @Field(() => ID, { description: 'the user id' }) @ApiProperty({ format: 'uuid' }) id: string;
  @Field({ description: 'their e-mail (login)' }) @ApiProperty({ format: 'email' }) email: string;
  @Field({ description: 'their name as shown to colleagues' }) @ApiProperty() displayName: string;
  @Field(() => [RoleEnum], { description: 'their roles' }) @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @Field(() => ID, { nullable: true, description: 'the location they work at, if any' }) @ApiProperty({ nullable: true, type: String, format: 'uuid' }) locationId: string | null;
  // GraphQL keeps a String here: the list of statuses is growing (deactivation) and an enum would
  // turn a new value into a server error for every client until the schema caught up.
  @Field({ description: `${USER_STATUSES.join(', ')}: invited has not accepted yet; deactivated has no access (roles kept)` }) @ApiProperty({ enum: USER_STATUSES }) status: string;
}

@ObjectType({ description: 'A page of users' })
export class UserPage {
  @Field(() => [UserView], { description: 'the users on this page' }) @ApiProperty({ type: [UserView] }) items: UserView[];
  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null at the end' }) @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
