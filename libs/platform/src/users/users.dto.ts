import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { ROLES, Role } from '../context/request-context';

/** A user's access: invited (not accepted yet), active, or deactivated (roles kept, none usable). */
export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const;

/** What an owner or admin may change about a user; omitted fields stay as they are. */
@InputType()
export class UpdateUserInput {
  @Field(() => [String], { nullable: true }) @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOptional() @IsArray() @ArrayNotEmpty()
  @IsIn(ROLES as unknown as string[], { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles?: Role[];

  @Field(() => String, { nullable: true })
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'the shop location the user works at; null: none' })
  @ValidateIf((_, value) => value !== null && value !== undefined) @IsUUID()
  locationId?: string | null;
}

@ArgsType()
export class UsersArgs {
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ enum: ROLES })
  @IsOptional() @IsIn(ROLES as unknown as string[], { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @Field({ nullable: true }) @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  locationId?: string;

  @Field(() => Int, { nullable: true, defaultValue: 50 }) @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  first?: number = 50;

  @Field({ nullable: true }) @ApiPropertyOptional({ description: 'cursor from the previous page (nextCursor)' })
  @IsOptional() @IsString()
  after?: string;
}

@ObjectType()
export class UserView {
  @Field() @ApiProperty() id: string;
  @Field() @ApiProperty() email: string;
  @Field() @ApiProperty() displayName: string;
  @Field(() => [String]) @ApiProperty({ type: [String] }) roles: string[];
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) locationId: string | null;
  @Field() @ApiProperty({ enum: USER_STATUSES }) status: string;
}

@ObjectType()
export class UserPage {
  @Field(() => [UserView]) @ApiProperty({ type: [UserView] }) items: UserView[];
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
