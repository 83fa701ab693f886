import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { decodePageCursor, encodePageCursor, PageCursor } from '../errors/page-cursor';

/** Keyset pagination over (createdAt desc, id desc): stable while rows are added. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20, description: 'page size, 1 to 100' })
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  first?: number = 20;

  @Field({ nullable: true, description: 'cursor from the previous page (nextCursor)' }) @ApiPropertyOptional({ description: 'cursor from the previous page (nextCursor)' })
  @IsOptional() @IsString()
  after?: string;
}

/** One cursor format for every paged read (the platform's users too). */
export type Cursor = PageCursor;
export const encodeCursor = encodePageCursor;
export const decodeCursor = (cursor: string | undefined): Cursor | null => decodePageCursor(cursor);

/**
 * A page from `first + 1` fetched rows: the extra row only says another page follows, and the
 * cursor is that of the last row shown.
 */
export function pageOf<R, V>(rows: R[], first: number, view: (row: R) => V, cursorOf: (last: R) => string): { items: V[]; nextCursor: string | null } {
  const page = rows.slice(0, first);
  return { items: page.map(view), nextCursor: rows.length > first ? cursorOf(page[page.length - 1]) : null };
}
