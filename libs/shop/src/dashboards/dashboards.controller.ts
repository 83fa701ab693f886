import { Controller, Get, Query as QueryParams } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadsProjection, RequireAbility } from '@workbay/platform';
import { DashboardLocationArgs, DashboardRangeArgs, OutstandingBalancesArgs } from './dashboard.args';
import {
  OutstandingBalancesView, QuoteApprovalView, RepairOrderStatusBoardView, RevenueByDayView, TechnicianEfficiencyView,
} from './dashboard.dto';
import { SHOP_DASHBOARDS } from './dashboards.projection';
import { OutstandingBalances, QuoteApprovalRate, RepairOrderStatusBoard, RevenueByDay, TechnicianEfficiency } from './dashboards.queries';

const range = ({ locationId, from, to }: DashboardRangeArgs) => ({ locationId, from, to });

@ApiTags('dashboards')
@ApiBearerAuth()
@Controller('dashboards')
export class DashboardsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('repair-orders')
  @RequireAbility('read', 'Dashboard')
  @ReadsProjection(SHOP_DASHBOARDS)
  @ApiOkResponse({ type: RepairOrderStatusBoardView, description: 'repair orders per location and status' })
  @ApiOperation({ summary: 'Repair orders by status per location' })
  repairOrders(@QueryParams() { locationId }: DashboardLocationArgs): Promise<RepairOrderStatusBoardView> {
    return this.queries.execute(new RepairOrderStatusBoard({ locationId }));
  }

  @Get('technicians')
  @RequireAbility('read', 'Dashboard')
  @ReadsProjection(SHOP_DASHBOARDS)
  @ApiOkResponse({ type: TechnicianEfficiencyView, description: 'workload and efficiency per technician and location' })
  @ApiOperation({ summary: 'Technician workload and efficiency (clocked vs sold hours)' })
  technicians(@QueryParams() args: DashboardRangeArgs): Promise<TechnicianEfficiencyView> {
    return this.queries.execute(new TechnicianEfficiency(range(args)));
  }

  @Get('revenue')
  @RequireAbility('read', 'Dashboard')
  @ReadsProjection(SHOP_DASHBOARDS)
  @ApiOkResponse({ type: RevenueByDayView, description: 'invoiced and collected per local day, location and currency' })
  @ApiOperation({ summary: 'Revenue by local day and location' })
  revenue(@QueryParams() args: DashboardRangeArgs): Promise<RevenueByDayView> {
    return this.queries.execute(new RevenueByDay(range(args)));
  }

  @Get('quote-approval')
  @RequireAbility('read', 'Dashboard')
  @ReadsProjection(SHOP_DASHBOARDS)
  @ApiOkResponse({ type: QuoteApprovalView, description: 'quotes sent and decided per location; from/to select the decision day' })
  @ApiOperation({ summary: 'Quote approval rate per location' })
  quoteApproval(@QueryParams() args: DashboardRangeArgs): Promise<QuoteApprovalView> {
    return this.queries.execute(new QuoteApprovalRate(range(args)));
  }

  @Get('outstanding')
  @RequireAbility('read', 'Dashboard')
  @ReadsProjection(SHOP_DASHBOARDS)
  @ApiOkResponse({ type: OutstandingBalancesView, description: 'balances due with aging buckets, and the largest ones' })
  @ApiOperation({ summary: 'Outstanding balances with aging' })
  outstanding(@QueryParams() { locationId, top }: OutstandingBalancesArgs): Promise<OutstandingBalancesView> {
    return this.queries.execute(new OutstandingBalances({ locationId }, top ?? 10));
  }
}
