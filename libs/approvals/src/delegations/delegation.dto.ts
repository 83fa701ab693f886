import { Field, ID, InputType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsUUID } from 'class-validator';

@InputType({ description: 'Hands your gates to another user for a period' })
export class DelegateApprovalsInput {
  @Field(() => ID, { description: 'the delegate: a user of this shop' })
  @ApiProperty({ format: 'uuid', description: 'the delegate: a user of this shop' })
  @IsUUID() toUserId: string;

  @Field({ description: 'from this instant (ISO-8601)' })
  @ApiProperty({ format: 'date-time', description: 'from this instant' })
  @IsISO8601({ strict: true }) startsAt: string;

  @Field({ description: 'until this instant, exclusive (ISO-8601)' })
  @ApiProperty({ format: 'date-time', description: 'until this instant, exclusive' })
  @IsISO8601({ strict: true }) endsAt: string;
}
