import { Client } from 'pg';
import { startPlatform, Platform } from '../../../../test/support/platform-harness';
import { ShopClient, THREE_LINES } from '../../../../test/support/shop-client';
import { fieldsOf } from '../../../../test/support/problems';

const ADDRESS = { line1: '1 MG Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560001', country: 'IN' };

interface Line {
  lineId: string;
  status: string;
  technicianIds: string[];
  technicians: { technicianId: string; clockedMinutes: number; clockedIn: boolean }[];
  clockedMinutes: number;
  returnsCount: number;
  returns: { reason: string }[];
}

describe('repair orders on the shop floor, end to end', () => {
  let platform: Platform;
  let owner: ShopClient;
  let bay: string;
  let annex: string;

  /** Invites a user at a location (the shared client's invite takes roles only) and signs them in. */
  async function member(roles: string[], locationId: string | null): Promise<ShopClient & { userId: string }> {
    const email = `${roles.join('-')}.${Math.random().toString(36).slice(2, 8)}@example.com`;
    const invited = await owner.post('/auth/invitations', { email, displayName: roles.join(' '), roles, ...(locationId ? { locationId } : {}) }).expect(201);
    expect(invited.body.locationId).toBe(locationId);
    const session = await platform.http().post('/auth/invitations/accept')
      .send({ token: invited.body.invitationToken, password: 'another long password' }).expect(200);
    return Object.assign(new ShopClient(platform, session.body.accessToken, owner.tenantId), { userId: session.body.userId as string });
  }

  async function location(name: string): Promise<string> {
    const res = await owner.post('/locations', { name, address: ADDRESS, timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' } }).expect(201);
    return res.body.id;
  }

  /** Approves lines 1 and 2 of a three-line quote at the location and waits for the process manager to open its repair order. */
  async function approvedRepairOrder(locationId: string): Promise<string> {
    const { customerId, vehicleId } = await owner.customerWithVehicle();
    const quote = await owner.post('/quotes', { customerId, vehicleId, locationId, lines: THREE_LINES }).expect(201);
    await owner.post(`/quotes/${quote.body.id}/send`, { channel: 'sms' }).expect(200);
    await owner.post(`/quotes/${quote.body.id}/approve`, { lineIds: ['line-1', 'line-2'], approvedByName: 'Asha', channel: 'phone' }).expect(200);
    const deadline = Date.now() + 20000;
    for (;;) {
      const page = await owner.get(`/repair-orders?locationId=${locationId}&first=100`).expect(200);
      const ro = page.body.items.find((r: { quoteId: string }) => r.quoteId === quote.body.id);
      if (ro) return ro.id;
      if (Date.now() > deadline) throw new Error('the repair order was not opened');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    platform = await startPlatform();
    owner = await ShopClient.signup(platform);
    bay = await location('Main bay');
    annex = await location('Annex');
  });
  afterAll(() => platform.close());

  it('runs a repair order from assignment through a returned line to approval, with clocked time and returns on the detail', async () => {
    const roId = await approvedRepairOrder(bay);
    const [tara, vik, asha, other] = [
      await member(['technician'], bay), await member(['technician'], bay), await member(['service_advisor'], bay), await member(['technician'], annex),
    ];
    const opened = await asha.get(`/repair-orders/${roId}`).expect(200);
    expect(opened.body).toMatchObject({ status: 'open', locationId: bay, lineCount: 2, soldHours: 1.5, currency: 'INR' });
    expect(opened.body.lines.map((l: Line) => [l.lineId, l.status])).toEqual([['line-1', 'pending'], ['line-2', 'pending']]);
    expect(opened.body.deferred).toEqual([expect.objectContaining({ lineId: 'line-3', followUpOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })]);

    // The advisor picks technicians from the users at the location.
    const technicians = await asha.get(`/users?role=technician&locationId=${bay}`).expect(200);
    expect(technicians.body.items.map((u: { id: string }) => u.id).sort()).toEqual([tara.userId, vik.userId].sort());

    await asha.post(`/repair-orders/${roId}/lines/line-1/assign`, { technicianIds: [tara.userId, vik.userId] }).expect(200);
    await asha.post(`/repair-orders/${roId}/lines/line-2/assign`, { technicianIds: [tara.userId] }).expect(200);
    const same = await asha.post(`/repair-orders/${roId}/lines/line-2/assign`, { technicianIds: [tara.userId] }).expect(200);
    expect(same.body.streamVersion).toBe(3); // the same set again changes nothing
    const elsewhere = await asha.post(`/repair-orders/${roId}/lines/line-2/assign`, { technicianIds: [tara.userId, other.userId] }).expect(422);
    expect(fieldsOf(elsewhere.body)).toEqual(['technicians[1].locationId']);
    const stranger = await asha.post(`/repair-orders/${roId}/lines/line-2/assign`, { technicianIds: ['00000000-0000-4000-8000-000000000000'] }).expect(422);
    expect(fieldsOf(stranger.body)).toEqual(['technicians[0].userId']);
    const notTech = await asha.post(`/repair-orders/${roId}/lines/line-2/assign`, { technicianIds: [asha.userId] }).expect(422);
    expect(notTech.body.code).toBe('USER_NOT_TECHNICIAN');
    await tara.post(`/repair-orders/${roId}/lines/line-2/assign`, { technicianIds: [tara.userId] }).expect(403);

    await vik.post(`/repair-orders/${roId}/lines/line-2/start`, {}).expect(403);
    await tara.post(`/repair-orders/${roId}/lines/line-1/start`, {}).expect(200);
    await vik.post(`/repair-orders/${roId}/lines/line-1/start`, {}).expect(200);
    await tara.post(`/repair-orders/${roId}/lines/line-2/start`, {}).expect(200);
    const notViks = await vik.post(`/repair-orders/${roId}/lines/line-2/complete`, {}).expect(403);
    expect(notViks.body.code).toBe('NOT_ASSIGNED_TECHNICIAN');

    const early = await tara.post(`/repair-orders/${roId}/request-review`, {}).expect(409);
    expect(early.body.detail).toMatch(/line line-1 is in_progress/);
    await vik.post(`/repair-orders/${roId}/lines/line-1/complete`, {}).expect(200);
    await tara.post(`/repair-orders/${roId}/lines/line-2/complete`, {}).expect(200);
    const review = await tara.post(`/repair-orders/${roId}/request-review`, {}).expect(200);
    const again = await tara.post(`/repair-orders/${roId}/request-review`, {}).expect(409);
    expect(again.body.detail).toMatch(/is awaiting_review/);
    const inReview = await asha.get(`/repair-orders/${roId}`, review.body.position).expect(200);
    expect(inReview.body).toMatchObject({ status: 'awaiting_review', completedLineCount: 2, reviewRequestedAt: expect.any(String) });
    const beforeReturn = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));

    await tara.post(`/repair-orders/${roId}/return`, { lines: [{ lineId: 'line-1', reason: 'pads squeal' }] }).expect(403);
    await asha.post(`/repair-orders/${roId}/return`, { lines: [{ lineId: 'line-1', reason: 'pads squeal on the test drive' }] }).expect(200);
    await asha.post(`/repair-orders/${roId}/approve-work`, {}).expect(409);
    await tara.post(`/repair-orders/${roId}/lines/line-1/start`, {}).expect(200);
    await tara.post(`/repair-orders/${roId}/lines/line-1/complete`, {}).expect(200);
    await tara.post(`/repair-orders/${roId}/request-review`, {}).expect(200);
    const approved = await asha.post(`/repair-orders/${roId}/approve-work`, {}).expect(200);

    const detail = await asha.get(`/repair-orders/${roId}`, approved.body.position).expect(200);
    expect(detail.body).toMatchObject({ status: 'approved', approvedAt: expect.any(String), returnsCount: 1, completedLineCount: 2 });
    const [brakes, pads] = detail.body.lines as Line[];
    expect(brakes).toMatchObject({ status: 'completed', technicianIds: [tara.userId, vik.userId], returnsCount: 1, returns: [{ reason: 'pads squeal on the test drive' }] });
    expect(brakes.technicians.map((t) => [t.technicianId, t.clockedIn])).toEqual([[tara.userId, false], [vik.userId, false]]);
    for (const t of [...brakes.technicians, ...pads.technicians]) expect(t.clockedMinutes).toBeGreaterThanOrEqual(0);
    expect(pads).toMatchObject({ status: 'completed', technicianIds: [tara.userId], returnsCount: 0 });
    expect(detail.body.clockedMinutes).toBeGreaterThanOrEqual(brakes.clockedMinutes);

    // The same order rebuilt from its events, as it stood before the return and now.
    const then = await asha.get(`/repair-orders/${roId}?asOf=${encodeURIComponent(beforeReturn)}`).expect(200);
    expect(then.body).toMatchObject({ status: 'awaiting_review', returnsCount: 0, approvedAt: null });
    const now = await asha.get(`/repair-orders/${roId}?asOf=${encodeURIComponent(new Date().toISOString())}`).expect(200);
    expect({ ...now.body, clockedMinutes: 0, lines: now.body.lines.map((l: Line) => l.status) })
      .toEqual({ ...detail.body, clockedMinutes: 0, lines: detail.body.lines.map((l: Line) => l.status) });

    const board = await asha.get(`/repair-orders?status=approved&locationId=${bay}`).expect(200);
    expect(board.body.items.map((r: { id: string }) => r.id)).toContain(roId);
    const openBoard = await asha.get('/repair-orders?status=open').expect(200);
    expect(openBoard.body.items.map((r: { id: string }) => r.id)).not.toContain(roId);

    // Replaying every event from position 0 gives the same rows, clock intervals included.
    const db = new Client({ connectionString: platform.config.SYSTEM_DATABASE_URL });
    await db.connect();
    try {
      const rows = async () => {
        const out: unknown[][] = [];
        for (const [table, order] of [['shop.repair_orders', 'id'], ['shop.repair_order_lines', 'repair_order_id, line_id'], ['shop.repair_order_clock', 'line_id, technician_id, started_at']]) {
          out.push((await db.query(`select * from ${table} where tenant_id = $1 order by ${order}`, [owner.tenantId])).rows);
        }
        return out;
      };
      const live = await rows();
      expect(live[2].length).toBeGreaterThanOrEqual(4);
      await platform.worker!.runner.rebuild('shop.repair-order-board');
      expect(await rows()).toEqual(live);
    } finally {
      await db.end();
    }
  });

  it('assigns over GraphQL and reads the detail there; an owner moves a technician to the location, which the next assignment sees', async () => {
    const roId = await approvedRepairOrder(bay);
    const asha = await member(['service_advisor'], bay);
    const newcomer = await member(['technician'], annex);
    const assign = `mutation($id: ID!, $lineId: ID!, $input: AssignTechnicianInput!) {
      assignTechnician(id: $id, lineId: $lineId, input: $input) { id position } }`;
    const refused = await asha.graphql(assign, { id: roId, lineId: 'line-1', input: { technicianIds: [newcomer.userId] } }).expect(200);
    expect(refused.body.errors?.[0]?.message).toMatch(/technicians\[0\]\.locationId/);

    await asha.patch(`/users/${newcomer.userId}`, { locationId: bay }).expect(403);
    const moved = await owner.graphql(`mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id locationId roles } }`,
      { id: newcomer.userId, input: { locationId: bay } }).expect(200);
    expect(moved.body.data.updateUser).toEqual({ id: newcomer.userId, locationId: bay, roles: ['technician'] });
    const listed = await asha.graphql(`query($loc: ID) { users(role: technician, locationId: $loc) { items { id } } }`, { loc: bay }).expect(200);
    expect(listed.body.data.users.items.map((u: { id: string }) => u.id)).toContain(newcomer.userId);

    const done = await asha.graphql(assign, { id: roId, lineId: 'line-1', input: { technicianIds: [newcomer.userId] } }).expect(200);
    expect(done.body.errors).toBeUndefined();
    const read = await asha.graphql(
      `query($id: ID!) { repairOrder(id: $id) { status locationId lines { lineId status technicianIds technicians { technicianId clockedMinutes clockedIn } } deferred { lineId } } }`,
      { id: roId }, { 'X-Min-Position': String(done.body.data.assignTechnician.position) },
    ).expect(200);
    expect(read.body.data.repairOrder).toMatchObject({
      status: 'open', locationId: bay, deferred: [{ lineId: 'line-3' }],
      lines: [
        { lineId: 'line-1', status: 'assigned', technicianIds: [newcomer.userId], technicians: [{ technicianId: newcomer.userId, clockedMinutes: 0, clockedIn: false }] },
        { lineId: 'line-2', status: 'pending', technicianIds: [] },
      ],
    });

    // Taking the owner role from the only owner would lock the shop out of access changes.
    const me = await owner.get('/users?role=owner').expect(200);
    const last = await owner.patch(`/users/${me.body.items[0].id}`, { roles: ['manager'] }).expect(409);
    expect(last.body.code).toBe('LAST_OWNER');
  });

  it("answers 404 for another tenant's repair orders, reading or writing", async () => {
    const roId = await approvedRepairOrder(bay);
    const rival = await ShopClient.signup(platform, 'Other Garage');
    const rivalTech = await rival.invite(['technician']);
    await rival.get(`/repair-orders/${roId}`).expect(404);
    await rival.get(`/repair-orders/${roId}?asOf=${encodeURIComponent(new Date().toISOString())}`).expect(404);
    await rival.post(`/repair-orders/${roId}/lines/line-1/assign`, { technicianIds: ['00000000-0000-4000-8000-000000000000'] }).expect(404);
    await rival.post(`/repair-orders/${roId}/approve-work`, {}).expect(404);
    await rivalTech.post(`/repair-orders/${roId}/lines/line-1/start`, {}).expect(404);
    const board = await rival.get('/repair-orders').expect(200);
    expect(board.body.items).toEqual([]);
    await rival.patch(`/users/${(await owner.get('/users').expect(200)).body.items[0].id}`, { roles: ['technician'] }).expect(404);
  });
});
