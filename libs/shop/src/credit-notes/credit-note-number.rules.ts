/**
 * The tenant's credit-note number sequence, its own series beside the invoices' (a credit note is
 * a tax document of its own, numbered without gaps). One stream per tenant, one event per number,
 * so a number is the version of its event. Unlike invoice numbers it is not taken ahead with
 * `takeNext`: the number's event is appended in the same atomic write as the credit note and the
 * invoice's `InvoiceCredited` (issue-credit-note.ts), so a refused or lost credit note takes no number.
 * Stream: `${tenantId}.credit-note-number-${sequenceId}`.
 */
export const creditNoteNumberStreamCategory = 'credit-note-number' as const;
export const CREDIT_NOTE_NUMBER_PREFIX = 'CN-';

/** CN-000001: six digits, more once past 999999. */
export const formatCreditNoteNumber = (sequence: number): string => `${CREDIT_NOTE_NUMBER_PREFIX}${String(sequence).padStart(6, '0')}`;

export interface CreditNoteNumberAssigned {
  type: 'CreditNoteNumberAssigned';
  data: { creditNoteId: string; sequence: number; number: string; assignedAt: string };
}

export const creditNoteNumberAssigned = (creditNoteId: string, sequence: number, assignedAt: string): CreditNoteNumberAssigned => ({
  type: 'CreditNoteNumberAssigned',
  data: { creditNoteId, sequence, number: formatCreditNoteNumber(sequence), assignedAt },
});
