import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { NotFoundError, TenantDb } from '@workbay/platform';
import { CustomerRow, VehicleRow } from '../customers/customer-directory.entities';
import { toCustomerView, toTaxIdView } from '../customers/customer-directory.queries';
import { decodeCursor, encodeCursor } from '@workbay/platform';
import { HouseholdRow } from './household-directory.entities';
import { HouseholdPage, HouseholdView } from './household.dto';


export class HouseholdDirectory extends Query<HouseholdPage> {
  constructor(readonly first: number, readonly after?: string) {
    super();
  }
}

export class HouseholdDetail extends Query<HouseholdView> {
  constructor(readonly householdId: string) {
    super();
  }
}

type Em = Parameters<Parameters<TenantDb['run']>[0]>[0];

async function withMembers(em: Em, households: HouseholdRow[]): Promise<HouseholdView[]> {
  if (households.length === 0) return [];
  const ids = households.map((h) => h.id);
  const members = await em.find(CustomerRow, { householdId: { $in: ids } }, { orderBy: { registeredAt: 'asc', id: 'asc' } });
  const vehicles = members.length
    ? await em.find(VehicleRow, { customerId: { $in: members.map((m) => m.id) } }, { orderBy: { addedAt: 'asc' } })
    : [];
  return households.map((h) => ({
    id: h.id, name: h.name, formedAt: h.formedAt.toISOString(),
    billingAddress: h.billingAddress ?? null, taxId: h.taxId ? toTaxIdView(h.taxId) : null,
    members: members.filter((m) => m.householdId === h.id).map((m) => toCustomerView(m, vehicles)),
  }));
}

@QueryHandler(HouseholdDirectory)
export class HouseholdDirectoryHandler implements IQueryHandler<HouseholdDirectory> {
  constructor(private readonly db: TenantDb) {}

  execute({ first, after }: HouseholdDirectory): Promise<HouseholdPage> {
    const cursor = decodeCursor(after);
    return this.db.run(async (em) => {
      const where = cursor ? { $or: [{ formedAt: { $lt: new Date(cursor.at) } }, { formedAt: new Date(cursor.at), id: { $lt: cursor.id } }] } : {};
      const rows = await em.find(HouseholdRow, where, { orderBy: { formedAt: 'desc', id: 'desc' }, limit: first + 1 });
      const page = rows.slice(0, first);
      const last = page[page.length - 1];
      return { items: await withMembers(em, page), nextCursor: rows.length > first && last ? encodeCursor(last.formedAt, last.id) : null };
    });
  }
}

@QueryHandler(HouseholdDetail)
export class HouseholdDetailHandler implements IQueryHandler<HouseholdDetail> {
  constructor(private readonly db: TenantDb) {}

  execute({ householdId }: HouseholdDetail): Promise<HouseholdView> {
    return this.db.run(async (em) => {
      const household = await em.findOne(HouseholdRow, { id: householdId });
      if (!household) throw new NotFoundError('household', householdId);
      return (await withMembers(em, [household]))[0];
    });
  }
}
