import { Body, Controller, Get, HttpCode, Param, Post, Query as QueryParams } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadsProjection, RequireAbility } from '@workbay/platform';
import { AsOfArgs, CommandResultView, IdOf } from '@workbay/platform';
import { ApproveWork } from './approve-work';
import { AssignTechnician } from './assign-technician';
import { CompleteWork } from './complete-work';
import { AssignTechnicianInput, RepairOrderPage, RepairOrderView, ReturnWorkInput } from './repair-order.dto';
import { RepairOrderBoardArgs } from './repair-order-board.args';
import { REPAIR_ORDER_BOARD, RepairOrderBoard, RepairOrderDetail } from './repair-order-board.queries';
import { RequestAdvisorReview } from './request-advisor-review';
import { ReturnWork } from './return-work';
import { StartWork } from './start-work';

const roId = () => Param('id', IdOf('repair order'));

/** Repair orders are opened by quote approval (a process manager), never over the API. */
@ApiTags('repair orders')
@ApiBearerAuth()
@Controller('repair-orders')
export class RepairOrdersController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post(':id/lines/:lineId/assign')
  @HttpCode(200)
  @RequireAbility('assign', 'RepairOrder')
  @ApiOperation({ summary: 'Replaces the technicians on a line (each a technician at the order\'s location)' })
  @ApiOkResponse({ type: CommandResultView })
  assign(@roId() id: string, @Param('lineId') lineId: string, @Body() input: AssignTechnicianInput): Promise<CommandResultView> {
    return this.commands.execute(new AssignTechnician(id, lineId, input));
  }

  @Post(':id/lines/:lineId/start')
  @HttpCode(200)
  @RequireAbility('work', 'RepairOrder')
  @ApiOperation({ summary: 'The signed-in technician clocks in on a line assigned to them' })
  @ApiOkResponse({ type: CommandResultView })
  start(@roId() id: string, @Param('lineId') lineId: string): Promise<CommandResultView> {
    return this.commands.execute(new StartWork(id, lineId));
  }

  @Post(':id/lines/:lineId/complete')
  @HttpCode(200)
  @RequireAbility('work', 'RepairOrder')
  @ApiOperation({ summary: 'An assigned technician signs the line off; running clocks on it stop' })
  @ApiOkResponse({ type: CommandResultView })
  complete(@roId() id: string, @Param('lineId') lineId: string): Promise<CommandResultView> {
    return this.commands.execute(new CompleteWork(id, lineId));
  }

  @Post(':id/request-review')
  @HttpCode(200)
  @RequireAbility('submit', 'RepairOrder')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Asks the advisor to review the finished work' })
  requestReview(@roId() id: string): Promise<CommandResultView> {
    return this.commands.execute(new RequestAdvisorReview(id));
  }

  @Post(':id/return')
  @HttpCode(200)
  @RequireAbility('review', 'RepairOrder')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Returns lines to the technicians with a reason' })
  returnWork(@roId() id: string, @Body() input: ReturnWorkInput): Promise<CommandResultView> {
    return this.commands.execute(new ReturnWork(id, input));
  }

  @Post(':id/approve-work')
  @HttpCode(200)
  @RequireAbility('review', 'RepairOrder')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Approves the finished work of a repair order' })
  approveWork(@roId() id: string): Promise<CommandResultView> {
    return this.commands.execute(new ApproveWork(id));
  }

  @Get()
  @RequireAbility('read', 'RepairOrder')
  @ReadsProjection(REPAIR_ORDER_BOARD)
  @ApiOkResponse({ type: RepairOrderPage })
  @ApiOperation({ summary: 'Repair orders, paged by cursor' })
  list(@QueryParams() args: RepairOrderBoardArgs): Promise<RepairOrderPage> {
    return this.queries.execute(new RepairOrderBoard(args.first ?? 20, args.after, args.status, args.locationId));
  }

  @Get(':id')
  @RequireAbility('read', 'RepairOrder')
  @ReadsProjection(REPAIR_ORDER_BOARD)
  @ApiOkResponse({ type: RepairOrderView })
  @ApiOperation({ summary: 'One repair order (or as it stood at ?asOf=)' })
  detail(@roId() id: string, @QueryParams() { asOf }: AsOfArgs): Promise<RepairOrderView> {
    return this.queries.execute(new RepairOrderDetail(id, asOf));
  }
}
