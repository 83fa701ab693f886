import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility } from '@workbay/platform';
import { DashboardLocationArgs, DashboardRangeArgs, OutstandingBalancesArgs } from './dashboard.args';
import {
  OutstandingBalancesView, QuoteApprovalView, RepairOrderStatusBoardView, RevenueByDayView, TechnicianEfficiencyView,
} from './dashboard.dto';
import { SHOP_DASHBOARDS } from './dashboards.projection';
import { OutstandingBalances, QuoteApprovalRate, RepairOrderStatusBoard, RevenueByDay, TechnicianEfficiency } from './dashboards.queries';

const range = ({ locationId, from, to }: DashboardRangeArgs) => ({ locationId, from, to });

@Resolver()
export class DashboardsResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => RepairOrderStatusBoardView, { description: 'Repair orders by status, per location' })
  @RequireAbility('read', 'Dashboard')
  @ReadsProjectionQuery(SHOP_DASHBOARDS)
  repairOrderStatusBoard(@Args() { locationId }: DashboardLocationArgs): Promise<RepairOrderStatusBoardView> {
    return this.queries.execute(new RepairOrderStatusBoard({ locationId }));
  }

  @Query(() => TechnicianEfficiencyView, { description: 'Per technician: open and completed lines, clocked vs sold hours' })
  @RequireAbility('read', 'Dashboard')
  @ReadsProjectionQuery(SHOP_DASHBOARDS)
  technicianEfficiency(@Args() args: DashboardRangeArgs): Promise<TechnicianEfficiencyView> {
    return this.queries.execute(new TechnicianEfficiency(range(args)));
  }

  @Query(() => RevenueByDayView, { description: 'Invoiced, tax and collected amounts per local day and location' })
  @RequireAbility('read', 'Dashboard')
  @ReadsProjectionQuery(SHOP_DASHBOARDS)
  revenueByDay(@Args() args: DashboardRangeArgs): Promise<RevenueByDayView> {
    return this.queries.execute(new RevenueByDay(range(args)));
  }

  @Query(() => QuoteApprovalView, { description: 'Quotes sent, approved and declined, per location' })
  @RequireAbility('read', 'Dashboard')
  @ReadsProjectionQuery(SHOP_DASHBOARDS)
  quoteApprovalRate(@Args() args: DashboardRangeArgs): Promise<QuoteApprovalView> {
    return this.queries.execute(new QuoteApprovalRate(range(args)));
  }

  @Query(() => OutstandingBalancesView, { description: 'Unpaid invoice balances with aging, and the largest ones' })
  @RequireAbility('read', 'Dashboard')
  @ReadsProjectionQuery(SHOP_DASHBOARDS)
  outstandingBalances(@Args() { locationId, top }: OutstandingBalancesArgs): Promise<OutstandingBalancesView> {
    return this.queries.execute(new OutstandingBalances({ locationId }, top ?? 10));
  }
}
