import { BigIntType, Entity, JsonType, PrimaryKey, Property } from '@mikro-orm/core';
import { TenantScoped } from '@workbay/platform';
import type { TaxComponent, TaxJurisdiction } from '../invoices/tax.rules';
import type { CreditNoteLine } from './credit-note.events';

/** Read model: a credit note with its lines and tax split (written by credit-note-board.projection.ts). */
@TenantScoped()
@Entity({ tableName: 'shop.credit_notes' })
export class CreditNoteRow {
  @PrimaryKey({ type: 'uuid', fieldName: 'tenant_id' }) tenantId: string;
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'text' }) number: string;
  @Property({ type: 'uuid' }) invoiceId: string;
  @Property({ type: 'text' }) invoiceNumber: string;
  @Property({ type: 'uuid' }) customerId: string;
  @Property({ type: 'uuid' }) locationId: string;
  @Property({ type: 'text' }) reason: string;
  @Property({ type: 'text', nullable: true }) note: string | null;
  @Property({ type: 'text', columnType: 'char(3)' }) currency: string;
  @Property({ type: 'integer' }) currencyExponent: number;
  @Property({ type: JsonType, columnType: 'jsonb' }) jurisdiction: TaxJurisdiction;
  @Property({ type: 'text', nullable: true }) placeOfSupply: string | null;
  @Property({ type: JsonType, columnType: 'jsonb' }) lines: CreditNoteLine[];
  @Property({ type: JsonType, columnType: 'jsonb' }) taxSummary: TaxComponent[];
  @Property({ type: new BigIntType('number') }) subtotalMinor: number;
  @Property({ type: new BigIntType('number') }) taxableSubtotalMinor: number;
  @Property({ type: new BigIntType('number') }) taxTotalMinor: number;
  @Property({ type: new BigIntType('number') }) grandTotalMinor: number;
  @Property({ type: 'Date' }) issuedAt: Date;
  @Property({ type: 'integer' }) version: number;
  @Property({ type: 'Date' }) updatedAt: Date;
}
