import { Module } from '@nestjs/common';
import { UsageReportsController } from './usage-reports.controller';
import { UsageReportsResolver } from './usage-reports.resolver';
import { UsageReports } from './usage-reports.service';

/** Finance's usage reads (REST, GraphQL and the CSV export); its projection runs in the worker from the manifest. */
@Module({ controllers: [UsageReportsController], providers: [UsageReports, UsageReportsResolver] })
export class UsageReportsApiModule {}
