import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility, RequireEntitlement } from '@workbay/platform';
import { GateTimesArgs } from './gate-times.args';
import { GateTimesView } from './gate-times.dto';
import { ApprovalGateTimes, GATE_TIMES } from './gate-times.queries';

@Resolver()
export class GateTimesResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => GateTimesView, { description: 'Time spent per gate (opened to decided): median and p90 per request type and gate' })
  @RequireAbility('read', 'ApprovalReport')
  @RequireEntitlement({ feature: 'approvals' })
  @ReadsProjectionQuery(GATE_TIMES)
  approvalGateTimes(@Args() args: GateTimesArgs): Promise<GateTimesView> {
    return this.queries.execute(new ApprovalGateTimes(args.type, args.from, args.to));
  }
}
