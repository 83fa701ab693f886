import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CustomerView } from '../customers/customer.dto';

@InputType()
export class FormHouseholdInput {
  @Field() @ApiProperty({ example: 'Rao family' }) @IsString() @Length(1, 120)
  name: string;
}

@ObjectType()
export class HouseholdView {
  @Field() @ApiProperty() id: string;
  @Field() @ApiProperty() name: string;
  @Field() @ApiProperty() formedAt: string;
  @Field(() => [CustomerView]) @ApiProperty({ type: [CustomerView], description: 'members with their vehicles, in the order they were registered' })
  members: CustomerView[];
}

@ObjectType()
export class HouseholdPage {
  @Field(() => [HouseholdView]) @ApiProperty({ type: [HouseholdView] }) items: HouseholdView[];
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
