import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min } from 'class-validator';

/** The closed lists of the notifications tables' checks (migration 0010), as GraphQL enums. */
export const NOTIFICATION_CHANNELS = ['email', 'webhook'] as const;
export const NOTIFICATION_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const ATTEMPT_OUTCOMES = ['delivered', 'failed'] as const;
const NotificationChannelEnum = { email: 'email', webhook: 'webhook' } as const;
const NotificationStatusEnum = { pending: 'pending', delivered: 'delivered', failed: 'failed' } as const;
const AttemptOutcomeEnum = { delivered: 'delivered', failed: 'failed' } as const;
registerEnumType(NotificationChannelEnum, {
  name: 'NotificationChannel', description: 'How a notification is delivered',
  valuesMap: { email: { description: 'an e-mail over SMTP' }, webhook: { description: "a signed POST to one of the tenant's endpoints" } },
});
registerEnumType(NotificationStatusEnum, {
  name: 'NotificationStatus', description: 'Where a notification is',
  valuesMap: { pending: { description: 'not delivered yet; attempts continue' }, delivered: { description: 'an attempt succeeded' }, failed: { description: 'every attempt failed' } },
});
registerEnumType(AttemptOutcomeEnum, {
  name: 'NotificationAttemptOutcome', description: 'How one delivery attempt ended',
  valuesMap: { delivered: { description: 'accepted by the SMTP server, or a 2xx from the endpoint' }, failed: { description: 'refused, unreachable or not a 2xx' } },
});

@InputType({ description: "A URL the tenant's notifications are POSTed to, signed with the endpoint's secret" })
export class RegisterWebhookEndpointInput {
  @Field({ description: 'http(s) URL that receives signed POSTs (Workbay-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">)' })
  @ApiProperty({ format: 'uri', maxLength: 2000, example: 'https://example.com/workbay-webhooks' })
  @IsString() @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http or https URL' })
  url: string;
}

@ObjectType('WebhookEndpoint', { description: "One of the tenant's webhook endpoints" })
export class WebhookEndpointView {
  @Field(() => ID, { description: 'the endpoint id (a notification recipient)' }) @ApiProperty({ format: 'uuid' }) id: string;
  @Field({ description: 'where notifications are POSTed' }) @ApiProperty({ format: 'uri' }) url: string;
  @Field({ description: 'ISO-8601 UTC' }) @ApiProperty({ format: 'date-time' }) createdAt: string;
}

@ObjectType('RegisteredWebhookEndpoint', { description: 'A new endpoint and its signing secret, shown this once' })
export class RegisteredWebhookEndpointView extends WebhookEndpointView {
  @Field({ description: 'HMAC-SHA256 key of Workbay-Signature; store it, it is not shown again' }) @ApiProperty({ description: 'HMAC-SHA256 key of Workbay-Signature; store it, it is not shown again' })
  secret: string;
}

@ArgsType()
export class NotificationsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'page size, 1-200' }) @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  first?: number = 50;

  @Field({ nullable: true, description: 'cursor from the previous page (nextCursor)' }) @ApiPropertyOptional({ description: 'cursor from the previous page (nextCursor)' })
  @IsOptional() @IsString()
  after?: string;
}

@ObjectType('NotificationAttempt', { description: 'One delivery attempt' })
export class NotificationAttemptView {
  @Field(() => Int, { description: '1 for the first attempt' }) @ApiProperty({ type: 'integer', minimum: 1 }) attempt: number;
  @Field({ description: 'ISO-8601 UTC' }) @ApiProperty({ format: 'date-time' }) at: string;
  @Field(() => AttemptOutcomeEnum, { description: 'delivered or failed' }) @ApiProperty({ enum: ATTEMPT_OUTCOMES }) outcome: string;
  @Field(() => String, { nullable: true, description: 'why it failed' }) @ApiProperty({ nullable: true, type: String, description: 'why it failed' }) error: string | null;
}

@ObjectType('Notification', { description: 'A notification the tenant sent, with every delivery attempt' })
export class NotificationView {
  @Field(() => ID, { description: 'the notification id (also in the Workbay-Notification-Id header)' }) @ApiProperty({ format: 'uuid' }) id: string;
  @Field(() => NotificationChannelEnum, { description: 'email or webhook' }) @ApiProperty({ enum: NOTIFICATION_CHANNELS }) channel: string;
  @Field(() => String, { nullable: true, description: 'the address (e-mail)' }) @ApiProperty({ nullable: true, type: String }) email: string | null;
  @Field(() => ID, { nullable: true, description: 'the endpoint (webhook)' }) @ApiProperty({ nullable: true, type: String, format: 'uuid' }) webhookEndpointId: string | null;
  @Field({ description: 'the template it was rendered from' }) @ApiProperty() template: string;
  @Field({ description: 'the rendered subject' }) @ApiProperty() subject: string;
  @Field(() => NotificationStatusEnum, { description: 'pending, delivered or failed (attempts ran out)' }) @ApiProperty({ enum: NOTIFICATION_STATUSES }) status: string;
  @Field({ description: 'ISO-8601 UTC' }) @ApiProperty({ format: 'date-time' }) createdAt: string;
  @Field(() => String, { nullable: true, description: 'when an attempt succeeded (ISO-8601 UTC); null until then' }) @ApiProperty({ nullable: true, type: String, format: 'date-time' }) deliveredAt: string | null;
  @Field(() => [NotificationAttemptView], { description: 'oldest first' }) @ApiProperty({ type: [NotificationAttemptView] }) attempts: NotificationAttemptView[];
}

@ObjectType('NotificationPage', { description: "A page of the tenant's notifications, newest first" })
export class NotificationPage {
  @Field(() => [NotificationView], { description: 'the notifications on this page' }) @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @Field(() => String, { nullable: true, description: 'pass as `after` for the next page; null at the end' }) @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
