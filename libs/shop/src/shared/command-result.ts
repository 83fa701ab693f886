import { Field, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { ApiProperty } from '@nestjs/swagger';
import { CommandResult } from '@workbay/platform';

@ObjectType('CommandResult')
export class CommandResultView implements CommandResult {
  @Field() @ApiProperty({ description: 'id of the record the command acted on' }) id: string;
  @Field(() => Int) @ApiProperty() streamVersion: number;
  @Field(() => GraphQLSafeInt) @ApiProperty({ description: 'global position written: send it as X-Min-Position to read your write' })
  position: number;
}
