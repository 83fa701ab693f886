import { Field, InputType, Int } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Length, Max, Min } from 'class-validator';

@InputType()
export class AddVehicleInput {
  @Field() @ApiProperty({ format: 'uuid' }) @IsUUID()
  customerId: string;

  @Field() @ApiProperty({ example: '1HGCM82633A004352', description: '17 characters; the check digit is verified for US/CA shops' })
  @IsString() @Length(17, 17, { message: 'vin must be exactly 17 characters' })
  vin: string;

  @Field(() => Int) @ApiProperty({ example: 2019 }) @IsInt()
  year: number;

  @Field() @ApiProperty({ example: 'Honda' }) @IsString() @Length(1, 60)
  make: string;

  @Field() @ApiProperty({ example: 'Accord' }) @IsString() @Length(1, 60)
  model: string;

  @Field(() => Int) @ApiProperty({ example: 42000 }) @IsInt() @Min(0) @Max(10_000_000)
  mileage: number;
}
