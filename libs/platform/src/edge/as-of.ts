import { PipeTransform } from '@nestjs/common';
import { Args } from '@nestjs/graphql';
import { ValidationFailed } from '../errors/errors';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, isISO8601, IsOptional } from 'class-validator';

export const AS_OF_DESCRIPTION = 'ISO-8601 instant: the record as it stood then, rebuilt from its events';

class AsOfPipe implements PipeTransform<string | undefined> {
  transform(value: string | undefined): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (!isISO8601(value, { strict: true })) {
      throw new ValidationFailed([{ field: 'asOf', message: 'asOf must be an ISO-8601 date-time' }]);
    }
    return value;
  }
}

/** GraphQL `asOf` argument, validated like the REST query parameter of the same name. */
export const AsOfArg = () => Args('asOf', { nullable: true, type: () => String, description: AS_OF_DESCRIPTION }, new AsOfPipe());

/** REST query parameters of a detail read; GraphQL takes the same through AsOfArg. */
export class AsOfArgs {
  @ApiPropertyOptional({ description: AS_OF_DESCRIPTION })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'asOf must be an ISO-8601 date-time' })
  asOf?: string;
}
