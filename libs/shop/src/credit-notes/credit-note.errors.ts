/** Rules a credit note can break; each names its field (422) or the invoice's state. */
import { DomainError } from '@workbay/eventstore/core';

export class InvalidCreditNoteField extends DomainError {
  readonly code = 'CREDIT_NOTE_FIELD_INVALID';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

/** More than is left un-credited on the line (by earlier credit notes or this one): a credit never exceeds what was billed. */
export class LineOverCredited extends DomainError {
  readonly code = 'CREDIT_NOTE_LINE_OVER_CREDITED';
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

/** A void invoice was never owed: there is nothing to credit (void it is, or issue a new one). */
export class InvoiceNotCreditable extends DomainError {
  readonly code = 'INVOICE_NOT_CREDITABLE';
  readonly field = 'invoiceId';
  constructor(readonly status: string) {
    super(`invoiceId: the invoice is ${status}; only an issued invoice can be credited`);
  }
}

export class CreditNoteAlreadyIssued extends DomainError {
  readonly code = 'CREDIT_NOTE_ALREADY_ISSUED';
  override readonly kind = 'conflict' as const;
  constructor(readonly number: string) {
    super(`credit note ${number} is already issued`);
  }
}
