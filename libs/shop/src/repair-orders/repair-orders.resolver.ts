import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility } from '@workbay/platform';
import { AsOfArg, CommandResultView, IdOf } from '@workbay/platform';
import { ApproveWork } from './approve-work';
import { AssignTechnician } from './assign-technician';
import { CompleteWork } from './complete-work';
import { AssignTechnicianInput, RepairOrderPage, RepairOrderView, ReturnWorkInput } from './repair-order.dto';
import { RepairOrderBoardArgs } from './repair-order-board.args';
import { REPAIR_ORDER_BOARD, RepairOrderBoard, RepairOrderDetail } from './repair-order-board.queries';
import { RequestAdvisorReview } from './request-advisor-review';
import { ReturnWork } from './return-work';
import { StartWork } from './start-work';

const roId = () => Args('id', { type: () => ID, description: 'the repair order' }, IdOf('repair order'));
const lineId = () => Args('lineId', { type: () => ID, description: 'the line of the repair order' });

/** Mutations are named after the commands (assignTechnician, startWork, ...); the REST paths are shorter. */
@Resolver(() => RepairOrderView)
export class RepairOrdersResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView, { description: "Sets a repair order line's technicians (replacing the previous set)" })
  @RequireAbility('assign', 'RepairOrder')
  assignTechnician(@roId() id: string, @lineId() line: string, @Args('input', { description: 'the technicians' }) input: AssignTechnicianInput): Promise<CommandResultView> {
    return this.commands.execute(new AssignTechnician(id, line, input));
  }

  @Mutation(() => CommandResultView, { description: 'A technician clocks in on their line' })
  @RequireAbility('work', 'RepairOrder')
  startWork(@roId() id: string, @lineId() line: string): Promise<CommandResultView> {
    return this.commands.execute(new StartWork(id, line));
  }

  @Mutation(() => CommandResultView, { description: 'A technician signs off their line (clocking out)' })
  @RequireAbility('work', 'RepairOrder')
  completeWork(@roId() id: string, @lineId() line: string): Promise<CommandResultView> {
    return this.commands.execute(new CompleteWork(id, line));
  }

  @Mutation(() => CommandResultView, { description: 'Asks the advisor to review a repair order whose lines are all completed' })
  @RequireAbility('submit', 'RepairOrder')
  requestAdvisorReview(@roId() id: string): Promise<CommandResultView> {
    return this.commands.execute(new RequestAdvisorReview(id));
  }

  @Mutation(() => CommandResultView, { description: 'The advisor sends lines back, each with its reason; the order reopens' })
  @RequireAbility('review', 'RepairOrder')
  returnWork(@roId() id: string, @Args('input', { description: 'the lines sent back' }) input: ReturnWorkInput): Promise<CommandResultView> {
    return this.commands.execute(new ReturnWork(id, input));
  }

  @Mutation(() => CommandResultView, { description: "The advisor approves a repair order's work; it can be invoiced" })
  @RequireAbility('review', 'RepairOrder')
  approveWork(@roId() id: string): Promise<CommandResultView> {
    return this.commands.execute(new ApproveWork(id));
  }

  @Query(() => RepairOrderPage, { description: 'Repair orders, newest first' })
  @RequireAbility('read', 'RepairOrder')
  @ReadsProjectionQuery(REPAIR_ORDER_BOARD)
  repairOrders(@Args() args: RepairOrderBoardArgs): Promise<RepairOrderPage> {
    return this.queries.execute(new RepairOrderBoard(args.first ?? 20, args.after, args.status, args.locationId));
  }

  @Query(() => RepairOrderView, { description: 'One repair order with its lines' })
  @RequireAbility('read', 'RepairOrder')
  @ReadsProjectionQuery(REPAIR_ORDER_BOARD)
  repairOrder(@roId() id: string, @AsOfArg() asOf?: string): Promise<RepairOrderView> {
    return this.queries.execute(new RepairOrderDetail(id, asOf));
  }
}
