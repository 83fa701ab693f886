import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { RoleEnum, ROLES } from '@workbay/platform';

@InputType({ description: 'The token of the link in the verification e-mail' })
export class VerifyEmailInput {
  @Field({ description: 'the `token` of the verification link, 20-200 characters' }) @ApiProperty({ minLength: 20, maxLength: 200 }) @IsString() @Length(20, 200)
  token: string;
}

@ObjectType({ description: "The shop owner's e-mail address, now verified" })
export class EmailVerified {
  @Field({ description: 'the verified address' }) @ApiProperty({ format: 'email' }) email: string;
  @Field({ description: 'when the shop was verified (ISO-8601 UTC)' }) @ApiProperty({ format: 'date-time' }) verifiedAt: string;
}

@ObjectType({ description: 'A new verification e-mail is on its way; every earlier link stopped working' })
export class VerificationEmailSent {
  @Field({ description: "the shop owner's address it goes to" }) @ApiProperty({ format: 'email' }) email: string;
  @Field({ description: 'until when its link works (ISO-8601 UTC)' }) @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

@ObjectType({ description: 'Who is signed in, and whether their shop has verified its e-mail' })
export class CurrentUser {
  @Field(() => ID, { description: 'the signed-in user' }) @ApiProperty({ format: 'uuid' }) userId: string;
  @Field(() => ID, { description: "the user's shop (tenant)" }) @ApiProperty({ format: 'uuid' }) tenantId: string;
  @Field({ description: "the shop's public name in its online booking URLs (/book/{slug})" })
  @ApiProperty({ description: "the shop's public name in its online booking URLs (/book/{slug})", pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 63 })
  tenantSlug: string;
  @Field({ description: "the user's e-mail" }) @ApiProperty({ format: 'email' }) email: string;
  @Field(() => [RoleEnum], { description: "the user's current roles" }) @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
  @Field({ description: "whether the shop owner's (signup) e-mail address is verified; true for a shop that needs no verification" })
  @ApiProperty({ description: "whether the shop owner's (signup) e-mail address is verified; true for a shop that needs no verification" })
  emailVerified: boolean;
  @Field(() => String, { nullable: true, description: 'when it was verified (ISO-8601 UTC)' }) @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  emailVerifiedAt: string | null;
  @Field(() => String, { nullable: true, description: "until when an unverified shop may run commands (ISO-8601 UTC); null once verified or when none is needed" })
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'until when an unverified shop may run commands; null once verified or when none is needed' })
  emailVerificationDeadline: string | null;
}
