import { Body, Controller, Get, HttpCode, Param, Post, Put, Query as QueryParams } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadsProjection, RequireAbility } from '@workbay/platform';
import { AsOfArgs, CommandResultView, IdOf } from '@workbay/platform';
import { CannedJobPage, CannedJobView, DefineCannedJobInput, RetireCannedJobInput, ReviseCannedJobInput } from './canned-job.dto';
import { DefineCannedJob } from './define-canned-job';
import { JobCatalogArgs } from './job-catalog.args';
import { CannedJobDetail, JOB_CATALOG, JobCatalog } from './job-catalog.queries';
import { RetireCannedJob } from './retire-canned-job';
import { ReviseCannedJob } from './revise-canned-job';

@ApiTags('job catalog')
@ApiBearerAuth()
@Controller('canned-jobs')
export class JobCatalogController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @RequireAbility('create', 'CannedJob')
  @ApiCreatedResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Defines a canned job (labor and parts)' })
  define(@Body() input: DefineCannedJobInput): Promise<CommandResultView> {
    return this.commands.execute(new DefineCannedJob(input));
  }

  @Put(':id')
  @RequireAbility('update', 'CannedJob')
  @ApiOkResponse({ type: CommandResultView, description: 'replaces the contents; the revision goes up by one' })
  @ApiOperation({ summary: 'Revises a canned job' })
  revise(@Param('id', IdOf('canned job')) id: string, @Body() input: ReviseCannedJobInput): Promise<CommandResultView> {
    return this.commands.execute(new ReviseCannedJob(id, input));
  }

  @Post(':id/retire')
  @HttpCode(200)
  @RequireAbility('update', 'CannedJob')
  @ApiOkResponse({ type: CommandResultView })
  @ApiOperation({ summary: 'Retires a canned job' })
  retire(@Param('id', IdOf('canned job')) id: string, @Body() input: RetireCannedJobInput): Promise<CommandResultView> {
    return this.commands.execute(new RetireCannedJob(id, input));
  }

  @Get()
  @RequireAbility('read', 'CannedJob')
  @ReadsProjection(JOB_CATALOG)
  @ApiOkResponse({ type: CannedJobPage })
  @ApiOperation({ summary: 'Canned jobs, paged by cursor' })
  list(@QueryParams() args: JobCatalogArgs): Promise<CannedJobPage> {
    return this.queries.execute(new JobCatalog(args.first ?? 20, args.after, args.status, args.q));
  }

  @Get(':id')
  @RequireAbility('read', 'CannedJob')
  @ReadsProjection(JOB_CATALOG)
  @ApiOkResponse({ type: CannedJobView })
  @ApiOperation({ summary: 'One canned job (or as it stood at ?asOf=)' })
  detail(@Param('id', IdOf('canned job')) id: string, @QueryParams() { asOf }: AsOfArgs): Promise<CannedJobView> {
    return this.queries.execute(new CannedJobDetail(id, asOf));
  }
}
