import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { ApiProperty } from '@nestjs/swagger';
import { CommandResult } from '../cqrs/aggregate-store';

@ObjectType('CommandResult', { description: 'What a command wrote' })
export class CommandResultView implements CommandResult {
  @Field(() => ID, { description: 'id of the record the command acted on' })
  @ApiProperty({ description: 'id of the record the command acted on', format: 'uuid' })
  id: string;

  @Field(() => Int, { description: 'the record\'s stream version after the command' })
  @ApiProperty({ type: 'integer', description: 'the record\'s stream version after the command' })
  streamVersion: number;

  @Field(() => GraphQLSafeInt, { description: 'global position written: pass it as minPosition (X-Min-Position) to read your write' })
  @ApiProperty({ description: 'global position written: send it as X-Min-Position to read your write' })
  position: number;
}
