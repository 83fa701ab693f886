import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { API_KEY_SCOPES, ApiKeyScope, IsRequiredText } from '@workbay/platform';
import { TextRule } from '@workbay/platform/fields';

/** A key's name: what its owner calls the machine that holds it ("meter gateway, bay 3"). */
export const API_KEY_NAME: TextRule = { max: 100, collapseSpaces: true };

const SCOPES_DESCRIPTION = `what the key may do, one or more of ${API_KEY_SCOPES.join(', ')}: usage:write records usage, usage:read reads it; nothing else is reachable with a key`;
// GraphQL enum values cannot hold ':', so scopes are strings there, checked against the same list.
const scopesMessage = `each scope must be one of ${API_KEY_SCOPES.join(', ')}`;

@InputType({ description: 'A new API key for a machine client of the shop' })
export class CreateApiKeyInput {
  @Field({ description: 'what the key is for, shown in the list of keys' })
  @IsRequiredText(API_KEY_NAME)
  name: string;

  @Field(() => [String], { description: SCOPES_DESCRIPTION })
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, minItems: 1, uniqueItems: true, description: SCOPES_DESCRIPTION })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(API_KEY_SCOPES.length * 4)
  @IsIn(API_KEY_SCOPES as unknown as string[], { each: true, message: scopesMessage })
  scopes: ApiKeyScope[];
}

@ArgsType()
export class ApiKeysArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'page size, 1-200' }) @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  first?: number = 50;

  @Field({ nullable: true, description: 'cursor from the previous page (nextCursor)' }) @ApiPropertyOptional({ description: 'cursor from the previous page (nextCursor)' })
  @IsOptional() @IsString()
  after?: string;
}

@ObjectType({ description: "A tenant API key as listed: never its secret, which only its creator saw, once" })
export class ApiKeyView {
  @Field(() => ID, { description: 'the key id, also the middle part of the key (wbk_<id>_<secret>)' }) @ApiProperty({ format: 'uuid', description: 'the key id, also the middle part of the key (wbk_<id>_<secret>)' }) id: string;
  @Field({ description: 'what the key is for' }) @ApiProperty({ description: 'what the key is for' }) name: string;
  @Field(() => [String], { description: SCOPES_DESCRIPTION }) @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, description: SCOPES_DESCRIPTION }) scopes: string[];
  @Field(() => ID, { description: 'the user who created it' }) @ApiProperty({ format: 'uuid', description: 'the user who created it' }) createdBy: string;
  @Field({ description: 'when it was created (UTC ISO-8601)' }) @ApiProperty({ format: 'date-time' }) createdAt: string;
  @Field(() => String, { nullable: true, description: 'when it last signed a request, to within a few minutes; null: never' })
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when it last signed a request, to within a few minutes; null: never' }) lastUsedAt: string | null;
  @Field(() => String, { nullable: true, description: 'when it was revoked (it stopped working at once); null: active' })
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when it was revoked (it stopped working at once); null: active' }) revokedAt: string | null;
  @Field(() => ID, { nullable: true, description: 'who revoked it' }) @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'who revoked it' }) revokedBy: string | null;
}

const KEY_DESCRIPTION =
  'the key itself, wbk_<id>_<secret>: shown this once and stored only as a hash, so keep it now. Machine clients send it as `X-Api-Key` or `Authorization: Bearer`. ' +
  'null on a repeat of this request under the same Idempotency-Key: the key was made by the first, which alone saw it (revoke it if that answer was lost)';

@ObjectType({ description: 'A new API key, with the key shown once' })
export class CreatedApiKey extends ApiKeyView {
  @Field(() => String, { nullable: true, description: KEY_DESCRIPTION })
  @ApiProperty({ type: String, nullable: true, pattern: '^wbk_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}$', description: KEY_DESCRIPTION }) key: string | null;
}

@ObjectType({ description: 'A page of API keys' })
export class ApiKeyPage {
  @Field(() => [ApiKeyView], { description: 'the keys on this page, oldest first, revoked ones too' }) @ApiProperty({ type: [ApiKeyView] }) items: ApiKeyView[];
  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null at the end' }) @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
