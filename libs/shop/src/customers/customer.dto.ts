import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { MAX_PREFERRED_LOCATIONS } from './customer';

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

/** Omitted: unchanged; null: removed (an email or a phone must remain). */
@InputType()
export class UpdateCustomerContactInput {
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ example: 'asha@example.com', nullable: true, type: String })
  @IsOptional() @IsString() @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ example: '+91 98450 12345', nullable: true, type: String })
  @IsOptional() @IsString() @MaxLength(32)
  phone?: string | null;
}

@InputType()
export class SetPreferredLocationsInput {
  @Field(() => [String]) @ApiProperty({ type: [String], format: 'uuid', description: 'open shop locations, most preferred first; [] clears' })
  @IsArray() @ArrayMaxSize(MAX_PREFERRED_LOCATIONS) @IsUUID('all', { each: true, message: 'locationIds must hold location ids (uuids)' })
  locationIds: string[];
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
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) householdId: string | null;
  @Field(() => [String]) @ApiProperty({ type: [String], description: 'most preferred first' }) preferredLocationIds: string[];
  @Field(() => [VehicleView]) @ApiProperty({ type: [VehicleView] }) vehicles: VehicleView[];
}

@ObjectType()
export class CustomerPage {
  @Field(() => [CustomerView]) @ApiProperty({ type: [CustomerView] }) items: CustomerView[];
  @Field(() => String, { nullable: true }) @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
