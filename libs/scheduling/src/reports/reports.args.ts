import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { graphqlEnum } from '@workbay/platform';
import { DaysFrom, IsCalendarDate } from '../calendar/calendar.args';
import { NO_SHOW_PERIODS, NoShowPeriod } from './reports.rules';

export const NoShowPeriodEnum = graphqlEnum('NoShowPeriod', 'How the no-show rate is bucketed', NO_SHOW_PERIODS, {
  day: 'per local day', week: 'per ISO week (from Monday)', month: 'per calendar month',
});

@ArgsType()
export class UtilisationArgs {
  @Field(() => ID, { description: 'the shop location' })
  @ApiProperty({ format: 'uuid', description: 'the shop location' })
  @IsUUID('all', { message: 'locationId must be a UUID' })
  locationId: string;

  @Field({ description: 'first local day, inclusive (YYYY-MM-DD)' })
  @ApiProperty({ example: '2026-03-01', format: 'date', description: 'first local day, inclusive (YYYY-MM-DD)' })
  @IsCalendarDate()
  from: string;

  @Field({ description: 'last local day, inclusive; at most 92 days from `from`' })
  @ApiProperty({ example: '2026-03-31', format: 'date', description: 'last local day, inclusive; at most 92 days from `from`' })
  @IsCalendarDate() @DaysFrom(92)
  to: string;
}

@ArgsType()
export class NoShowArgs {
  @Field({ description: 'first local day, inclusive (YYYY-MM-DD), of the reservations\' starts' })
  @ApiProperty({ example: '2026-01-01', format: 'date', description: "first local day, inclusive (YYYY-MM-DD), of the reservations' starts" })
  @IsCalendarDate()
  from: string;

  @Field({ description: 'last local day, inclusive; at most 366 days from `from`' })
  @ApiProperty({ example: '2026-03-31', format: 'date', description: 'last local day, inclusive; at most 366 days from `from`' })
  @IsCalendarDate() @DaysFrom(366)
  to: string;

  @Field(() => NoShowPeriodEnum, { nullable: true, defaultValue: 'month', description: 'bucket: day, week or month (default)' })
  @ApiPropertyOptional({ enum: NO_SHOW_PERIODS, default: 'month', description: 'bucket: day, week or month (default)' })
  @IsOptional() @IsIn(NO_SHOW_PERIODS as unknown as string[], { message: 'period must be day, week or month' })
  period?: NoShowPeriod = 'month';

  @Field(() => ID, { nullable: true, description: 'only this location' })
  @ApiPropertyOptional({ format: 'uuid', description: 'only this location' })
  @IsOptional() @IsUUID('all', { message: 'locationId must be a UUID' })
  locationId?: string;

  @Field(() => ID, { nullable: true, description: 'only reservations that took this resource' })
  @ApiPropertyOptional({ format: 'uuid', description: 'only reservations that took this resource' })
  @IsOptional() @IsUUID('all', { message: 'resourceId must be a UUID' })
  resourceId?: string;
}
