import { Injectable } from '@nestjs/common';
import { AggregateStore, NotFoundError } from '@workbay/platform';
import { cannedJobDecider, CannedJobState } from '../job-catalog/canned-job.decider';
import { cannedJobStreamCategory } from '../job-catalog/canned-job.events';
import { ExplicitQuoteLine, quoteLinesFrom } from '../job-catalog/canned-job-quote-lines.rules';
import { QuoteLine } from './quote.events';

/** The lines of a new quote or of a revision: explicit lines, then the canned jobs expanded. */
@Injectable()
export class QuoteLineSource {
  constructor(private readonly aggregates: AggregateStore) {}

  async lines(input: { lines?: ExplicitQuoteLine[]; cannedJobIds?: string[] }, currency: string): Promise<QuoteLine[]> {
    // Jobs are read from their streams, not the catalog read model: a job defined a moment ago is quotable at once.
    const jobs = await Promise.all((input.cannedJobIds ?? []).map((id) => this.cannedJob(id)));
    return quoteLinesFrom(input.lines ?? [], jobs, currency);
  }

  /** The job as it stands now; 'none' when this tenant has no such job (quoteLinesFrom names the field). */
  private async cannedJob(id: string): Promise<CannedJobState> {
    try {
      return (await this.aggregates.load(cannedJobDecider, cannedJobStreamCategory, id, { what: 'canned job' })).state;
    } catch (error) {
      if (error instanceof NotFoundError) return { status: 'none' };
      throw error;
    }
  }
}
