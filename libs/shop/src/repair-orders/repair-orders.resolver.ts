import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility } from '@workbay/platform';
import { AsOfArg } from '../shared/as-of';
import { CommandResultView } from '../shared/command-result';
import { IdOf } from '../shared/id-param';
import { ApproveWork } from './approve-work';
import { AssignTechnician } from './assign-technician';
import { CompleteWork } from './complete-work';
import { AssignTechnicianInput, RepairOrderPage, RepairOrderView, ReturnWorkInput } from './repair-order.dto';
import { RepairOrderBoardArgs } from './repair-order-board.args';
import { REPAIR_ORDER_BOARD, RepairOrderBoard, RepairOrderDetail } from './repair-order-board.queries';
import { RequestAdvisorReview } from './request-advisor-review';
import { ReturnWork } from './return-work';
import { StartWork } from './start-work';

const roId = () => Args('id', { type: () => ID }, IdOf('repair order'));
const lineId = () => Args('lineId', { type: () => String });

/** Mutations are named after the commands (assignTechnician, startWork, ...); the REST paths are shorter. */
@Resolver(() => RepairOrderView)
export class RepairOrdersResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView)
  @RequireAbility('assign', 'RepairOrder')
  assignTechnician(@roId() id: string, @lineId() line: string, @Args('input') input: AssignTechnicianInput): Promise<CommandResultView> {
    return this.commands.execute(new AssignTechnician(id, line, input));
  }

  @Mutation(() => CommandResultView)
  @RequireAbility('work', 'RepairOrder')
  startWork(@roId() id: string, @lineId() line: string): Promise<CommandResultView> {
    return this.commands.execute(new StartWork(id, line));
  }

  @Mutation(() => CommandResultView)
  @RequireAbility('work', 'RepairOrder')
  completeWork(@roId() id: string, @lineId() line: string): Promise<CommandResultView> {
    return this.commands.execute(new CompleteWork(id, line));
  }

  @Mutation(() => CommandResultView)
  @RequireAbility('submit', 'RepairOrder')
  requestAdvisorReview(@roId() id: string): Promise<CommandResultView> {
    return this.commands.execute(new RequestAdvisorReview(id));
  }

  @Mutation(() => CommandResultView)
  @RequireAbility('review', 'RepairOrder')
  returnWork(@roId() id: string, @Args('input') input: ReturnWorkInput): Promise<CommandResultView> {
    return this.commands.execute(new ReturnWork(id, input));
  }

  @Mutation(() => CommandResultView)
  @RequireAbility('review', 'RepairOrder')
  approveWork(@roId() id: string): Promise<CommandResultView> {
    return this.commands.execute(new ApproveWork(id));
  }

  @Query(() => RepairOrderPage)
  @RequireAbility('read', 'RepairOrder')
  @ReadsProjectionQuery(REPAIR_ORDER_BOARD)
  repairOrders(@Args() args: RepairOrderBoardArgs): Promise<RepairOrderPage> {
    return this.queries.execute(new RepairOrderBoard(args.first ?? 20, args.after, args.status, args.locationId));
  }

  @Query(() => RepairOrderView)
  @RequireAbility('read', 'RepairOrder')
  @ReadsProjectionQuery(REPAIR_ORDER_BOARD)
  repairOrder(@roId() id: string, @AsOfArg() asOf?: string): Promise<RepairOrderView> {
    return this.queries.execute(new RepairOrderDetail(id, asOf));
  }
}
