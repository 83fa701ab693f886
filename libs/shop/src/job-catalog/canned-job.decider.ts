/**
 * Canned job: a priced recipe of labor operations and parts in the shop's job catalog, from which
 * quotes are built (see canned-job-quote-lines.rules.ts). active -> retired; a revision replaces the
 * contents and bumps the revision; a retired job takes no more changes and cannot be quoted.
 * Pure: time, ids, the actor and the tenant's currency arrive on the command.
 */
import { readHsnSac } from '../quotes/hsn-sac.rules';
import { Decider, DomainError } from '@workbay/eventstore/core';
import {
  amountMinorProblem, currencyCodeOf, LABOR_HOURS, LINE_QUANTITY, lineTotalProblem, PRICE_MINOR, quantityProblem, QuantityRule,
  readOptionalText, readRequiredText, TextRule,
} from '@workbay/platform/fields';
import { CannedJobContent, CannedJobEvent, CannedJobLabor, CannedJobPart } from './canned-job.events';

/** Contents as given; the decider trims, validates and normalises them. */
export interface CannedJobDraft {
  name: string;
  description: string;
  category?: string | null;
  code?: string | null;
  currency: string;
  /** `taxCategory` as asked ('standard' included); the contents keep only 'reduced'. */
  labor: Array<Omit<CannedJobLabor, 'taxCategory'> & { taxCategory?: DraftTaxCategory }>;
  parts: Array<Omit<CannedJobPart, 'partNumber' | 'taxCategory'> & { partNumber?: string | null; taxCategory?: DraftTaxCategory }>;
}

type DraftTaxCategory = 'standard' | 'reduced' | null;

export interface DefineCannedJob extends CannedJobDraft {
  type: 'DefineCannedJob';
  cannedJobId: string;
  definedAt: string;
  actor: string;
}

/** Replaces the whole contents. `expectedRevision`, when given, must be the current revision (no lost updates). */
export interface ReviseCannedJob extends CannedJobDraft {
  type: 'ReviseCannedJob';
  expectedRevision?: number;
  revisedAt: string;
  actor: string;
}

export interface RetireCannedJob {
  type: 'RetireCannedJob';
  reason?: string | null;
  retiredAt: string;
  actor: string;
}

export type CannedJobCommand = DefineCannedJob | ReviseCannedJob | RetireCannedJob;

export const CANNED_JOB_STATUSES = ['active', 'retired'] as const;
export type CannedJobStatus = (typeof CANNED_JOB_STATUSES)[number];

type Defined = CannedJobContent & { cannedJobId: string; revision: number; definedAt: string; revisedAt: string | null };

export type CannedJobState =
  | { status: 'none' }
  | (Defined & { status: 'active' })
  | (Defined & { status: 'retired'; retiredAt: string; retireReason: string | null });

/** The text fields of a canned job, each checked by the one text rule here and by its DTO. */
export const CANNED_JOB_TEXT = {
  name: { max: 120, collapseSpaces: true },
  description: { max: 2000, multiline: true },
  category: { max: 60 },
  code: { max: 40 },
  lineDescription: { max: 300, multiline: true },
  partNumber: { max: 60 },
  reason: { max: 500, multiline: true },
} as const satisfies Record<string, TextRule>;

export const MAX_CANNED_JOB_LABOR = 50;
export const MAX_CANNED_JOB_PARTS = 100;

export class CannedJobAlreadyDefined extends DomainError {
  readonly code = 'CANNED_JOB_ALREADY_DEFINED';
  override readonly kind = 'conflict' as const;
  constructor(readonly status: CannedJobStatus) {
    super(`canned job already exists and is ${status}`);
  }
}

export class CannedJobNotFound extends DomainError {
  readonly code = 'CANNED_JOB_NOT_FOUND';
  override readonly kind = 'not-found' as const;
  constructor() {
    super('canned job does not exist');
  }
}

/** A retired job takes no more changes (409); the message names its state. */
export class CannedJobIsRetired extends DomainError {
  readonly code = 'CANNED_JOB_RETIRED';
  override readonly kind = 'conflict' as const;
  readonly status = 'retired' as const;
  constructor(action: 'revised' | 'retired') {
    super(`canned job is retired; only an active canned job can be ${action}`);
  }
}

/** The revision was made against contents someone else has since revised. */
export class CannedJobRevisionMismatch extends DomainError {
  readonly code = 'CANNED_JOB_REVISION_MISMATCH';
  override readonly kind = 'conflict' as const;
  readonly field = 'expectedRevision';
  constructor(expected: number, actual: number) {
    super(`canned job is at revision ${actual}, not ${expected}; reload it and revise again`);
  }
}

/** A field of the contents breaks a rule; `field` names it, e.g. 'labor[1].hours'. */
/** A code only when given, so jobs defined without one keep the payload they always had. */
const optionalCode = <K extends 'sacCode' | 'hsnCode'>(key: K, code: string | undefined): Partial<Record<K, string>> =>
  (code ? { [key]: code } : {}) as Partial<Record<K, string>>;

/** 'reduced' when asked for, nothing for standard (absent, null or 'standard'), so standard jobs keep their payload. */
function optionalCategory(field: string, value: unknown): { taxCategory?: 'reduced' } {
  if (value === undefined || value === null || value === 'standard') return {};
  if (value === 'reduced') return { taxCategory: 'reduced' };
  throw new InvalidCannedJobField(field, "taxCategory must be 'standard' or 'reduced'");
}

export class InvalidCannedJobField extends DomainError {
  readonly code = 'CANNED_JOB_FIELD_INVALID';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

/** A job with neither labor nor parts would add nothing to a quote. */
export class CannedJobEmpty extends DomainError {
  readonly code = 'CANNED_JOB_EMPTY';
  readonly field = 'labor';
  constructor() {
    super('a canned job needs at least one labor operation or part');
  }
}

function text(field: string, value: unknown, rule: TextRule): string {
  const read = readRequiredText(value, rule);
  if (!read.ok) throw new InvalidCannedJobField(field, read.problem);
  return read.text;
}

/** Blank or missing is null. */
function optionalText(field: string, value: unknown, rule: TextRule): string | null {
  const read = readOptionalText(value, rule);
  if (!read.ok) throw new InvalidCannedJobField(field, read.problem);
  return read.text;
}

function positiveQuantity(field: string, value: unknown, rule: QuantityRule): number {
  const problem = quantityProblem(value, rule);
  if (problem) throw new InvalidCannedJobField(field, problem);
  return value as number;
}

function price(field: string, value: unknown, quantity: number, quantityField: string): number {
  const problem = amountMinorProblem(value, PRICE_MINOR);
  if (problem) throw new InvalidCannedJobField(field, problem);
  if (lineTotalProblem(quantity, value as number)) throw new InvalidCannedJobField(field, `${quantityField} x price is too large`);
  return value as number;
}

function flag(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidCannedJobField(field, 'must be true or false');
  return value;
}

/** Trimmed, validated contents; throws naming the first bad field. */
export function validCannedJobContent(draft: CannedJobDraft): CannedJobContent {
  const currency = currencyCodeOf(draft.currency);
  if (currency === undefined) throw new InvalidCannedJobField('currency', `'${String(draft.currency)}' is not an ISO 4217 currency code`);
  const labor = Array.isArray(draft.labor) ? draft.labor : [];
  const parts = Array.isArray(draft.parts) ? draft.parts : [];
  if (labor.length > MAX_CANNED_JOB_LABOR) throw new InvalidCannedJobField('labor', `at most ${MAX_CANNED_JOB_LABOR} labor operations`);
  if (parts.length > MAX_CANNED_JOB_PARTS) throw new InvalidCannedJobField('parts', `at most ${MAX_CANNED_JOB_PARTS} parts`);
  const content: CannedJobContent = {
    name: text('name', draft.name, CANNED_JOB_TEXT.name),
    description: text('description', draft.description, CANNED_JOB_TEXT.description),
    category: optionalText('category', draft.category, CANNED_JOB_TEXT.category),
    code: optionalText('code', draft.code, CANNED_JOB_TEXT.code),
    currency,
    labor: labor.map((op, i) => {
      const at = `labor[${i}]`;
      const hours = positiveQuantity(`${at}.hours`, op.hours, LABOR_HOURS);
      return {
        description: text(`${at}.description`, op.description, CANNED_JOB_TEXT.lineDescription),
        hours,
        laborRateMinor: price(`${at}.laborRateMinor`, op.laborRateMinor, hours, 'hours'),
        taxable: flag(`${at}.taxable`, op.taxable),
        ...optionalCode('sacCode', readHsnSac('labor', op.sacCode, (problem) => new InvalidCannedJobField(`${at}.sacCode`, problem))),
        ...optionalCategory(`${at}.taxCategory`, op.taxCategory),
      };
    }),
    parts: parts.map((part, i) => {
      const at = `parts[${i}]`;
      const quantity = positiveQuantity(`${at}.quantity`, part.quantity, LINE_QUANTITY);
      return {
        description: text(`${at}.description`, part.description, CANNED_JOB_TEXT.lineDescription),
        partNumber: optionalText(`${at}.partNumber`, part.partNumber, CANNED_JOB_TEXT.partNumber),
        quantity,
        unitPriceMinor: price(`${at}.unitPriceMinor`, part.unitPriceMinor, quantity, 'quantity'),
        taxable: flag(`${at}.taxable`, part.taxable),
        ...optionalCode('hsnCode', readHsnSac('part', part.hsnCode, (problem) => new InvalidCannedJobField(`${at}.hsnCode`, problem))),
        ...optionalCategory(`${at}.taxCategory`, part.taxCategory),
      };
    }),
  };
  if (content.labor.length === 0 && content.parts.length === 0) throw new CannedJobEmpty();
  return content;
}

const contentOf = ({ name, description, category, code, currency, labor, parts }: CannedJobContent): CannedJobContent =>
  ({ name, description, category, code, currency, labor, parts });

function activeJob(state: CannedJobState, action: 'revised' | 'retired') {
  if (state.status === 'none') throw new CannedJobNotFound();
  if (state.status === 'retired') throw new CannedJobIsRetired(action);
  return state;
}

export const cannedJobDecider: Decider<CannedJobState, CannedJobCommand, CannedJobEvent> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'DefineCannedJob': {
        if (state.status !== 'none') throw new CannedJobAlreadyDefined(state.status);
        const content = validCannedJobContent(command);
        return [{ type: 'CannedJobDefined', data: { cannedJobId: command.cannedJobId, ...content, revision: 1, definedAt: command.definedAt } }];
      }
      case 'ReviseCannedJob': {
        const current = activeJob(state, 'revised');
        if (command.expectedRevision !== undefined && command.expectedRevision !== current.revision) {
          throw new CannedJobRevisionMismatch(command.expectedRevision, current.revision);
        }
        const content = validCannedJobContent(command);
        // An identical revision changes nothing: no event, the revision stays (a retried PUT is harmless).
        if (JSON.stringify(content) === JSON.stringify(contentOf(current))) return [];
        return [{
          type: 'CannedJobRevised',
          data: { cannedJobId: current.cannedJobId, ...content, revision: current.revision + 1, revisedAt: command.revisedAt },
        }];
      }
      case 'RetireCannedJob': {
        const current = activeJob(state, 'retired');
        const reason = optionalText('reason', command.reason, CANNED_JOB_TEXT.reason);
        return [{ type: 'CannedJobRetired', data: { cannedJobId: current.cannedJobId, reason, retiredAt: command.retiredAt } }];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown canned job command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'CannedJobDefined': {
        const { cannedJobId, revision, definedAt } = event.data;
        return { status: 'active', cannedJobId, ...contentOf(event.data), revision, definedAt, revisedAt: null };
      }
      case 'CannedJobRevised':
        if (state.status !== 'active') return state;
        return { ...state, ...contentOf(event.data), revision: event.data.revision, revisedAt: event.data.revisedAt };
      case 'CannedJobRetired':
        if (state.status !== 'active') return state;
        return { ...state, status: 'retired', retiredAt: event.data.retiredAt, retireReason: event.data.reason };
      default:
        return state;
    }
  },
};
