import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, TenantProfiles } from '@workbay/platform';
import { cannedJobDecider } from './canned-job.decider';
import { cannedJobStreamCategory } from './canned-job.events';
import { ReviseCannedJobInput } from './canned-job.dto';
import { cannedJobDraft } from './define-canned-job';

/** Replaces a canned job's contents; quotes already built from it keep the lines they were given. */
export class ReviseCannedJob extends Command<CommandResult> {
  constructor(readonly cannedJobId: string, readonly input: ReviseCannedJobInput) {
    super();
  }
}

@CommandHandler(ReviseCannedJob)
export class ReviseCannedJobHandler implements ICommandHandler<ReviseCannedJob> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly tenants: TenantProfiles,
  ) {}

  async execute({ cannedJobId, input }: ReviseCannedJob): Promise<CommandResult> {
    const { currency } = await this.tenants.current();
    return this.aggregates.execute(cannedJobDecider, cannedJobStreamCategory, cannedJobId, (_, { now, actor }) => ({
      type: 'ReviseCannedJob',
      ...cannedJobDraft(input, currency),
      expectedRevision: input.expectedRevision ?? undefined,
      revisedAt: now,
      actor,
    }));
  }
}
