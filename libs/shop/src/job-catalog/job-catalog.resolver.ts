import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ReadsProjectionQuery, RequireAbility } from '@workbay/platform';
import { AsOfArg, CommandResultView, IdOf } from '@workbay/platform';
import { CannedJobPage, CannedJobView, DefineCannedJobInput, RetireCannedJobInput, ReviseCannedJobInput } from './canned-job.dto';
import { DefineCannedJob } from './define-canned-job';
import { JobCatalogArgs } from './job-catalog.args';
import { CannedJobDetail, JOB_CATALOG, JobCatalog } from './job-catalog.queries';
import { RetireCannedJob } from './retire-canned-job';
import { ReviseCannedJob } from './revise-canned-job';

const cannedJobId = () => Args('id', { type: () => ID, description: 'the canned job' }, IdOf('canned job'));

@Resolver(() => CannedJobView)
export class JobCatalogResolver {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Mutation(() => CommandResultView, { description: 'Adds a canned job (labor and parts) to the catalog' })
  @RequireAbility('create', 'CannedJob')
  defineCannedJob(@Args('input', { description: 'the canned job' }) input: DefineCannedJobInput): Promise<CommandResultView> {
    return this.commands.execute(new DefineCannedJob(input));
  }

  @Mutation(() => CommandResultView, { description: "Replaces a canned job's contents (a new revision)" })
  @RequireAbility('update', 'CannedJob')
  reviseCannedJob(@cannedJobId() id: string, @Args('input', { description: 'the new contents' }) input: ReviseCannedJobInput): Promise<CommandResultView> {
    return this.commands.execute(new ReviseCannedJob(id, input));
  }

  @Mutation(() => CommandResultView, { description: 'Retires a canned job: it can no longer be quoted' })
  @RequireAbility('update', 'CannedJob')
  retireCannedJob(
    @cannedJobId() id: string,
    @Args('input', { type: () => RetireCannedJobInput, nullable: true, description: 'why it is retired' }) input?: RetireCannedJobInput,
  ): Promise<CommandResultView> {
    return this.commands.execute(new RetireCannedJob(id, input ?? {}));
  }

  @Query(() => CannedJobPage, { description: 'The job catalog, newest first' })
  @RequireAbility('read', 'CannedJob')
  @ReadsProjectionQuery(JOB_CATALOG)
  cannedJobs(@Args() args: JobCatalogArgs): Promise<CannedJobPage> {
    return this.queries.execute(new JobCatalog(args.first ?? 20, args.after, args.status, args.q));
  }

  @Query(() => CannedJobView, { description: 'One canned job' })
  @RequireAbility('read', 'CannedJob')
  @ReadsProjectionQuery(JOB_CATALOG)
  cannedJob(@cannedJobId() id: string, @AsOfArg() asOf?: string): Promise<CannedJobView> {
    return this.queries.execute(new CannedJobDetail(id, asOf));
  }
}
