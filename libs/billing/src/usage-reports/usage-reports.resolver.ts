import { Args, Query, Resolver } from '@nestjs/graphql';
import { AcceptsApiKey, ReadsProjectionQuery, RequireAbility } from '@workbay/platform';
import { UsageDailyArgs, UsageSummaryArgs } from './usage-reports.args';
import { UsageDailyPage, UsageSummaryView } from './usage-reports.dto';
import { USAGE_REPORTS } from './usage-reports.projection';
import { UsageReports } from './usage-reports.service';

@Resolver()
export class UsageReportsResolver {
  constructor(private readonly reports: UsageReports) {}

  @Query(() => UsageSummaryView, { description: "The tenant's usage in a billing period (default the current one), per meter and dimensions" })
  @RequireAbility('read', 'UsageReport')
  @AcceptsApiKey('usage:read')
  @ReadsProjectionQuery(USAGE_REPORTS)
  usageSummary(@Args() { period }: UsageSummaryArgs): Promise<UsageSummaryView> {
    return this.reports.summary(period);
  }

  // The CSV export's twin: the same rows, paged.
  @Query(() => UsageDailyPage, { description: "The tenant's usage per UTC day, paged (the rows of GET /usage/export.csv)", complexity: 5 })
  @RequireAbility('read', 'UsageReport')
  @AcceptsApiKey('usage:read')
  @ReadsProjectionQuery(USAGE_REPORTS)
  usageDaily(@Args() args: UsageDailyArgs): Promise<UsageDailyPage> {
    return this.reports.daily(args);
  }
}
