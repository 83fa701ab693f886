import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { DomainError } from '@workbay/eventstore';
import { AggregateStore, NotFoundError } from '@workbay/platform';
import { QuoteReferenceOf } from '@workbay/shop/contract';
import { policyDecider, PolicyVersion, policyVersion } from '../policies/policy.decider';
import { approvalPolicyStreamCategory, RequestType } from '../policies/policy.events';
import type { RequestLink } from './request.events';

/** A request names a record this tenant does not have (or a type with no policy): 422 naming the field. */
export class RequestReferenceUnknown extends DomainError {
  readonly code = 'APPROVAL_REQUEST_REFERENCE_UNKNOWN';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

/** What a request's handlers read outside its own stream: the policy it routes by and the record it links to. */
@Injectable()
export class RequestReferences {
  constructor(private readonly aggregates: AggregateStore, private readonly queries: QueryBus) {}

  /** The version of `requestType`'s policy to route by: the current one, or `version` (a resubmission's). */
  async policy(requestType: RequestType, version?: number): Promise<PolicyVersion> {
    let found: PolicyVersion | undefined;
    try {
      const { state } = await this.aggregates.load(policyDecider, approvalPolicyStreamCategory, requestType);
      found = version === undefined ? state.versions.at(-1) : policyVersion(state, version);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    if (!found) throw new RequestReferenceUnknown('type', `no ${requestType} policy is published in this shop`);
    return found;
  }

  /** A quote link must be one of this tenant's quotes (the shop's contract query; another tenant's reads as unknown). */
  async requireLink(link: RequestLink | null): Promise<void> {
    if (!link) return;
    if (link.kind === 'quote' && !(await this.queries.execute(new QuoteReferenceOf(link.id)))) {
      throw new RequestReferenceUnknown('link.id', `${link.id} is not a quote of this shop`);
    }
  }
}
