import { Body, Controller, Get, Param, PipeTransform, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { RequireAbility, RequireEntitlement, ValidationFailed } from '@workbay/platform';
import { PolicyListView, PolicyPublishedView, PolicyVersionView, PolicyView, PublishPolicyInput } from './policy.dto';
import { REQUEST_TYPES } from './policy.events';
import { ApprovalPolicies, ApprovalPolicyDetail, ApprovalPolicyVersion } from './policy.queries';
import { gatesFromInput } from './policy.views';
import { PublishPolicy } from './publish-policy';

/** A version is 1, 2, ...: anything else is a bad request naming `version` (the global pipe already made it a number). */
export class PolicyVersionParam implements PipeTransform<string | number, number> {
  transform(value: string | number): number {
    if (!/^[1-9][0-9]{0,8}$/.test(String(value))) throw new ValidationFailed([{ field: 'version', message: 'version must be a positive integer' }]);
    return Number(value);
  }
}

const typeParam = () => ApiParam({ name: 'type', enum: REQUEST_TYPES, enumName: 'ApprovalRequestType', description: 'the request type' });

@ApiTags('approvals')
@ApiBearerAuth()
@RequireEntitlement({ feature: 'approvals' })
@Controller('approvals/policies')
export class PoliciesController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Get()
  @RequireAbility('read', 'ApprovalPolicy')
  @ApiOkResponse({ type: PolicyListView })
  @ApiOperation({ summary: 'The policy of every request type: current version and version list' })
  list(): Promise<PolicyListView> {
    return this.queries.execute(new ApprovalPolicies());
  }

  @Get(':type')
  @typeParam()
  @RequireAbility('read', 'ApprovalPolicy')
  @ApiOkResponse({ type: PolicyView })
  @ApiOperation({ summary: "One request type's policy: current version and version list" })
  detail(@Param('type') type: string): Promise<PolicyView> {
    return this.queries.execute(new ApprovalPolicyDetail(type));
  }

  @Get(':type/versions/:version')
  @typeParam()
  @ApiParam({ name: 'version', schema: { type: 'integer', minimum: 1 }, description: 'the version, from 1' })
  @RequireAbility('read', 'ApprovalPolicy')
  @ApiOkResponse({ type: PolicyVersionView })
  @ApiOperation({ summary: 'One published version of a policy (what requests submitted under it route by)' })
  version(@Param('type') type: string, @Param('version', new PolicyVersionParam()) version: number): Promise<PolicyVersionView> {
    return this.queries.execute(new ApprovalPolicyVersion(type, version));
  }

  @Post(':type')
  @typeParam()
  @RequireAbility('update', 'ApprovalPolicy')
  @ApiCreatedResponse({ type: PolicyPublishedView })
  @ApiOperation({
    summary: 'Publishes the next version of a policy (owner or admin)',
    description: 'Requests in flight keep the version they were submitted under. More gates than the plan allows is 403 `PLAN_LIMIT_EXCEEDED` ' +
      '(with `limitName: approvalGatesPerPolicy`, `limit`, `plan`); a role that does not exist or a user not of this shop is 422 naming the field.',
  })
  publish(@Param('type') type: string, @Body() input: PublishPolicyInput): Promise<PolicyPublishedView> {
    return this.commands.execute(new PublishPolicy(type, { gates: gatesFromInput(input.gates), expectedVersion: input.expectedVersion }));
  }
}
