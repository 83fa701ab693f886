import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptsApiKey, ApiProblems, ReadsProjection, RequireAbility } from '@workbay/platform';
import type { Response } from 'express';
import { CSV_COLUMNS } from './usage-csv';
import { UsageDailyArgs, UsageRangeArgs, UsageSummaryArgs } from './usage-reports.args';
import { UsageDailyPage, UsageSummaryView } from './usage-reports.dto';
import { USAGE_REPORTS } from './usage-reports.projection';
import { UsageReports } from './usage-reports.service';

@ApiTags('usage')
@ApiBearerAuth()
@Controller('usage')
export class UsageReportsController {
  constructor(private readonly reports: UsageReports) {}

  @Get('summary')
  @RequireAbility('read', 'UsageReport')
  @AcceptsApiKey('usage:read')
  @ReadsProjection(USAGE_REPORTS)
  @ApiOkResponse({ type: UsageSummaryView })
  @ApiOperation({ summary: "The tenant's usage in a billing period, per meter and dimensions (owner, admin, finance)" })
  summary(@Query() { period }: UsageSummaryArgs): Promise<UsageSummaryView> {
    return this.reports.summary(period);
  }

  @Get('daily')
  @RequireAbility('read', 'UsageReport')
  @AcceptsApiKey('usage:read')
  @ReadsProjection(USAGE_REPORTS)
  @ApiProblems(422)
  @ApiOkResponse({ type: UsageDailyPage, description: '422 when from is after to or the range passes 366 days' })
  @ApiOperation({ summary: "The tenant's usage per UTC day, paged by cursor (owner, admin, finance)" })
  daily(@Query() args: UsageDailyArgs): Promise<UsageDailyPage> {
    return this.reports.daily(args);
  }

  @Get('export.csv')
  @RequireAbility('read', 'UsageReport')
  @AcceptsApiKey('usage:read')
  @ReadsProjection(USAGE_REPORTS)
  @ApiProblems(422)
  @ApiOkResponse({
    description: `RFC 4180 CSV, streamed: a header row (${CSV_COLUMNS.join(', ')}), then one row per meter x day x period x dimensions, ` +
      'ordered by day, meter, period and dimensions; `dimensions` is a JSON object, `value` the exact figure. 422 when from is after to or the range passes 366 days.',
    content: { 'text/csv': { schema: { type: 'string', example: `${CSV_COLUMNS.join(',')}\r\n` } } },
  })
  @ApiOperation({ summary: "The tenant's daily usage as a CSV file (owner, admin, finance); GraphQL: usageDaily" })
  async exportCsv(@Query() args: UsageRangeArgs, @Res() res: Response): Promise<void> {
    // Checked before the first byte: after it the status is sent and only a cut connection can say "failed".
    const range = this.reports.exportRange(args);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="usage-${range.from}-${range.to}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await this.reports.exportCsv(range, res);
    } catch (error) {
      if (!res.headersSent) {
        res.removeHeader('Content-Disposition');
        throw error;
      }
      // Rows are out and the status with them: cutting the connection (done) is the only way left
      // to tell the client the file is incomplete. A client that went away ends here too.
      res.destroy();
    }
  }
}
