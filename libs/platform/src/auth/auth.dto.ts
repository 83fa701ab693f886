import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, Role } from '../context/request-context';

export const PLANS = ['starter', 'growth', 'enterprise'] as const;

/** One class serves as REST body (OpenAPI), GraphQL input and validation rules. */
@InputType()
export class SignupInput {
  @Field() @ApiProperty({ example: 'Ravi Motors' }) @IsString() @Length(2, 120)
  companyName: string;

  @Field() @ApiProperty({ example: 'IN', description: 'ISO 3166-1 alpha-2' }) @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as IN or US' })
  country: string;

  @Field() @ApiProperty({ example: 'INR', description: 'ISO 4217' }) @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as INR or USD' })
  currency: string;

  @Field() @ApiProperty({ enum: PLANS }) @IsIn(PLANS as unknown as string[])
  plan: string;

  @Field() @ApiProperty({ example: 'Ravi Kumar' }) @IsString() @Length(1, 120)
  ownerName: string;

  @Field() @ApiProperty({ example: 'ravi@example.com' }) @IsEmail()
  email: string;

  @Field() @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200)
  password: string;
}

@InputType()
export class LoginInput {
  @Field() @ApiProperty() @IsEmail()
  email: string;

  @Field() @ApiProperty() @IsString() @MinLength(1)
  password: string;

  @Field({ nullable: true }) @ApiPropertyOptional({ description: 'needed only when the e-mail belongs to several shops' })
  @IsOptional() @IsUUID()
  tenantId?: string;
}

@InputType()
export class InviteUserInput {
  @Field() @ApiProperty() @IsEmail()
  email: string;

  @Field() @ApiProperty() @IsString() @Length(1, 120)
  displayName: string;

  @Field(() => [String]) @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray() @ArrayNotEmpty() @IsIn(ROLES as unknown as string[], { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles: Role[];

  @Field({ nullable: true }) @ApiPropertyOptional({ format: 'uuid', description: "the shop location the user works at (a technician is assigned only at it)" })
  @IsOptional() @IsUUID()
  locationId?: string;
}

@InputType()
export class AcceptInvitationInput {
  @Field() @ApiProperty() @IsString() @Length(20, 200)
  token: string;

  @Field() @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10) @MaxLength(200)
  password: string;
}

@ObjectType()
export class AuthSession {
  @Field() @ApiProperty() accessToken: string;
  @Field() @ApiProperty() tokenType: string;
  @Field() @ApiProperty() expiresIn: number;
  @Field() @ApiProperty() userId: string;
  @Field() @ApiProperty() tenantId: string;
  @Field(() => [String]) @ApiProperty({ type: [String] }) roles: string[];
}

@ObjectType()
export class Invitation {
  @Field() @ApiProperty() userId: string;
  @Field() @ApiProperty() email: string;
  @Field(() => [String]) @ApiProperty({ type: [String] }) roles: string[];
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) locationId: string | null;
  @Field({ description: 'Single-use token: give it to the invitee (no e-mail is sent yet).' })
  @ApiProperty({ description: 'Single-use token: give it to the invitee (no e-mail is sent yet).' })
  invitationToken: string;
}
