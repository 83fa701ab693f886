import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';

@InputType()
export class RegisterCustomerInput {
  @Field() @ApiProperty({ example: 'Asha' }) @IsString() @Length(1, 100)
  firstName: string;

  @Field() @ApiProperty({ example: 'Rao' }) @IsString() @Length(1, 100)
  lastName: string;

  @Field({ nullable: true }) @ApiPropertyOptional({ example: 'asha@example.com' }) @IsOptional() @IsString() @MaxLength(254)
  email?: string;

  @Field({ nullable: true }) @ApiPropertyOptional({ example: '+91 98450 12345' }) @IsOptional() @IsString() @MaxLength(32)
  phone?: string;
}

@ObjectType()
export class VehicleView {
  @Field() @ApiProperty() id: string;
  @Field() @ApiProperty() customerId: string;
  @Field() @ApiProperty() vin: string;
  @Field(() => Int) @ApiProperty() year: number;
  @Field() @ApiProperty() make: string;
  @Field() @ApiProperty() model: string;
  @Field(() => Int) @ApiProperty() mileage: number;
  @Field() @ApiProperty() addedAt: string;
}

@ObjectType()
export class CustomerView {
  @Field() @ApiProperty() id: string;
  @Field() @ApiProperty() firstName: string;
  @Field() @ApiProperty() lastName: string;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) email: string | null;
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @Field() @ApiProperty() registeredAt: string;
  @Field(() => [VehicleView]) @ApiProperty({ type: [VehicleView] }) vehicles: VehicleView[];
}

@ObjectType()
export class CustomerPage {
  @Field(() => [CustomerView]) @ApiProperty({ type: [CustomerView] }) items: CustomerView[];
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
