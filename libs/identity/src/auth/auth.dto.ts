import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, MinLength } from 'class-validator';
import { PLANS, PlanEnum } from '@workbay/billing/contract';
import { IsCountryCode, IsCurrencyCode, RoleEnum, ROLES, Role } from '@workbay/platform';


/** One class serves as REST body (OpenAPI), GraphQL input and validation rules. */
@InputType({ description: 'A new shop (tenant) and its owner' })
export class SignupInput {
  @Field({ description: "the shop's name, 2-120 characters" }) @ApiProperty({ example: 'Ravi Motors', minLength: 2, maxLength: 120 }) @IsString() @Length(2, 120)
  companyName: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. IN' }) @ApiProperty({ example: 'IN', description: 'ISO 3166-1 alpha-2, an assigned code in capitals' }) @IsCountryCode()
  country: string;

  @Field({ description: 'ISO 4217 currency code, e.g. INR' }) @ApiProperty({ example: 'INR', description: 'ISO 4217', pattern: '^[A-Z]{3}$' }) @IsCurrencyCode()
  currency: string;

  @Field(() => PlanEnum, { description: 'the Workbay plan' }) @ApiProperty({ enum: PLANS }) @IsIn(PLANS as unknown as string[])
  plan: string;

  @Field({ description: "the owner's name, 1-120 characters" }) @ApiProperty({ example: 'Ravi Kumar', minLength: 1, maxLength: 120 }) @IsString() @Length(1, 120)
  ownerName: string;

  @Field({ description: "the owner's e-mail (their login)" }) @ApiProperty({ example: 'ravi@example.com', format: 'email' }) @IsEmail()
  email: string;

  @Field({ description: '10-200 characters' }) @ApiProperty({ minLength: 10, maxLength: 200, format: 'password' }) @IsString() @MinLength(10) @MaxLength(200)
  password: string;
}

@InputType({ description: 'E-mail and password (and the shop, when the e-mail belongs to several)' })
export class LoginInput {
  @Field({ description: "the user's e-mail" }) @ApiProperty({ format: 'email' }) @IsEmail()
  email: string;

  @Field({ description: "the user's password" }) @ApiProperty({ minLength: 1, format: 'password' }) @IsString() @MinLength(1)
  password: string;

  @Field(() => ID, { nullable: true, description: 'needed only when the e-mail belongs to several shops' })
  @ApiPropertyOptional({ format: 'uuid', description: 'needed only when the e-mail belongs to several shops' })
  @IsOptional() @IsUUID()
  tenantId?: string;
}

@InputType({ description: 'A user to invite into the shop' })
export class InviteUserInput {
  @Field({ description: "the invitee's e-mail" }) @ApiProperty({ format: 'email' }) @IsEmail()
  email: string;

  @Field({ description: '1-120 characters' }) @ApiProperty({ minLength: 1, maxLength: 120 }) @IsString() @Length(1, 120)
  displayName: string;

  @Field(() => [RoleEnum], { description: 'at least one role' }) @ApiProperty({ enum: ROLES, isArray: true, minItems: 1 })
  @IsArray() @ArrayNotEmpty() @IsIn(ROLES as unknown as string[], { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles: Role[];

  @Field(() => ID, { nullable: true, description: 'the shop location the user works at (a technician is assigned only at it)' })
  @ApiPropertyOptional({ format: 'uuid', description: "the shop location the user works at (a technician is assigned only at it)" })
  @IsOptional() @IsUUID()
  locationId?: string;
}

@InputType({ description: 'The invitation token and the password the invitee chooses' })
export class AcceptInvitationInput {
  @Field({ description: 'the invitation token, 20-200 characters' }) @ApiProperty({ minLength: 20, maxLength: 200 }) @IsString() @Length(20, 200)
  token: string;

  @Field({ description: '10-200 characters' }) @ApiProperty({ minLength: 10, maxLength: 200, format: 'password' }) @IsString() @MinLength(10) @MaxLength(200)
  password: string;
}

@ObjectType({ description: 'A signed-in session: the bearer token and who it is for' })
export class AuthSession {
  @Field({ description: 'JWT to send as `Authorization: Bearer ...`' }) @ApiProperty({ description: 'JWT to send as `Authorization: Bearer ...`' }) accessToken: string;
  @Field({ description: 'always Bearer' }) @ApiProperty({ enum: ['Bearer'] }) tokenType: string;
  @Field(() => Int, { description: 'seconds until the token expires' }) @ApiProperty({ type: 'integer', minimum: 1, description: 'seconds until the token expires' }) expiresIn: number;
  @Field(() => ID, { description: 'the signed-in user' }) @ApiProperty({ format: 'uuid' }) userId: string;
  @Field(() => ID, { description: "the user's shop (tenant)" }) @ApiProperty({ format: 'uuid' }) tenantId: string;
  @Field(() => [RoleEnum], { description: "the user's roles in the token" }) @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
}

@ObjectType({ description: 'An invited user, not yet active' })
export class Invitation {
  @Field(() => ID, { description: 'the invited user' }) @ApiProperty({ format: 'uuid' }) userId: string;
  @Field({ description: "the invitee's e-mail" }) @ApiProperty({ format: 'email' }) email: string;
  @Field(() => [RoleEnum], { description: 'the roles they will hold' }) @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @Field(() => ID, { nullable: true, description: 'the location they will work at' }) @ApiProperty({ nullable: true, type: String, format: 'uuid' }) locationId: string | null;
  @Field({ description: 'Single-use token: give it to the invitee (no e-mail is sent yet).' })
  @ApiProperty({ description: 'Single-use token: give it to the invitee (no e-mail is sent yet).' })
  invitationToken: string;
}
