import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, TenantProfiles } from '@workbay/platform';
import { cannedJobDecider, CannedJobDraft } from './canned-job.decider';
import { cannedJobStreamCategory } from './canned-job.events';
import { DefineCannedJobInput } from './canned-job.dto';

export class DefineCannedJob extends Command<CommandResult> {
  constructor(readonly input: DefineCannedJobInput) {
    super();
  }
}

/** The input as the decider's draft, priced in the tenant's currency (never taken from the request). */
export const cannedJobDraft = (input: DefineCannedJobInput, currency: string): CannedJobDraft => ({
  name: input.name,
  description: input.description,
  category: input.category ?? null,
  code: input.code ?? null,
  currency,
  labor: (input.labor ?? []).map(({ description, hours, laborRateMinor, taxable, sacCode, taxCategory }) => ({ description, hours, laborRateMinor, taxable, sacCode, taxCategory })),
  parts: (input.parts ?? []).map(({ description, partNumber, quantity, unitPriceMinor, taxable, hsnCode, taxCategory }) => ({
    description, partNumber: partNumber ?? null, quantity, unitPriceMinor, taxable, hsnCode, taxCategory,
  })),
});

@CommandHandler(DefineCannedJob)
export class DefineCannedJobHandler implements ICommandHandler<DefineCannedJob> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly tenants: TenantProfiles,
  ) {}

  async execute({ input }: DefineCannedJob): Promise<CommandResult> {
    const { currency } = await this.tenants.current();
    const cannedJobId = this.aggregates.newId(cannedJobStreamCategory);
    return this.aggregates.execute(cannedJobDecider, cannedJobStreamCategory, cannedJobId, (_, { now, actor }) => ({
      type: 'DefineCannedJob',
      cannedJobId,
      ...cannedJobDraft(input, currency),
      definedAt: now,
      actor,
    }));
  }
}
