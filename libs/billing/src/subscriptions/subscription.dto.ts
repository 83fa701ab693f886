import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PLAN_IDS, PlanId } from '../catalog/catalog.types';
import { PlanEnum } from '../plan.graphql';

@InputType('ChangePlanInput', { description: 'The plan a shop moves to' })
export class ChangePlanInput {
  @Field(() => PlanEnum, { description: "the plan to move to (at its current version)" })
  @ApiProperty({ enum: PLAN_IDS, description: 'the plan to move to (at its current version)' })
  @IsIn(PLAN_IDS as unknown as string[], { message: `plan must be one of ${PLAN_IDS.join(', ')}` })
  plan: PlanId;
}
