import { AppConfig } from '@workbay/platform';
import { AddressInfo } from 'node:net';
import { createApi } from '../../api/src/create-api';

const PASSWORD = 'workbay-demo-2026';
const OWNER = 'owner@demo.workbay.dev';

/**
 * Seeds a demo shop through the real HTTP edge (same validation, events and audit trail as any
 * client), then prints logins and example calls. Running it again reuses the existing shop.
 */
export async function seedDemo(config: AppConfig): Promise<void> {
  const app = await createApi({ ...config, LOG_LEVEL: 'warn' } as AppConfig);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const call = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = await res.json();
    return { status: res.status, body: json };
  };
  const must = async (path: string, body: unknown, token?: string): Promise<Record<string, string>> => {
    const res = await call(path, body, token);
    if (res.status >= 300) throw new Error(`${path} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, string>;
  };
  try {
    const existing = await call('/auth/login', { email: OWNER, password: PASSWORD });
    if (existing.status === 200) {
      console.log('The demo shop exists already (log in below).');
    } else {
      const owner = await must('/auth/signup', {
        companyName: 'Demo Auto Works', country: 'IN', currency: 'INR', plan: 'growth',
        ownerName: 'Priya Owner', email: OWNER, password: PASSWORD,
      });
      const location = await must('/locations', {
        name: 'Indiranagar', timezone: 'Asia/Kolkata', taxJurisdiction: { kind: 'IN_GST', stateCode: '29' },
        address: { line1: '12 100 Feet Road', city: 'Bengaluru', region: 'Karnataka', postalCode: '560038', country: 'IN' },
      }, owner.accessToken);
      for (const [role, email, name] of [
        ['service_advisor', 'advisor@demo.workbay.dev', 'Arjun Advisor'],
        ['technician', 'tech@demo.workbay.dev', 'Tara Technician'],
      ]) {
        const invite = await must('/auth/invitations', { email, displayName: name, roles: [role], locationId: location.id }, owner.accessToken);
        await must('/auth/invitations/accept', { token: invite.invitationToken, password: PASSWORD });
      }
      const customer = await must('/customers', { firstName: 'Asha', lastName: 'Rao', email: 'asha@example.com', phone: '+91 98450 12345' }, owner.accessToken);
      const vehicle = await must('/vehicles', {
        customerId: customer.id, vin: 'MA3EWDE1S00123456', year: 2021, make: 'Maruti Suzuki', model: 'Swift', mileage: 18250,
      }, owner.accessToken);
      const quote = await must('/quotes', {
        customerId: customer.id, vehicleId: vehicle.id, locationId: location.id, lines: [
          { kind: 'labor', description: 'Replace front brake pads', quantity: 1.5, unitPriceMinor: 120000, taxable: true },
          { kind: 'part', description: 'Brake pad set (front)', quantity: 1, unitPriceMinor: 345050, taxable: true },
          { kind: 'part', description: 'Cabin air filter', quantity: 1, unitPriceMinor: 49999, taxable: true },
        ],
      }, owner.accessToken);
      await must(`/quotes/${quote.id}/send`, { channel: 'sms' }, owner.accessToken);
      console.log(`Seeded "Demo Auto Works" (tenant ${owner.tenantId}) with a GST location in Karnataka, a customer, a vehicle and a sent 3-line quote ${quote.id}.`);
    }
  } finally {
    await app.close();
  }
  const api = `http://localhost:${config.PORT}`;
  console.log(`
Logins (password for all: ${PASSWORD}):
  owner            ${OWNER}
  service advisor  advisor@demo.workbay.dev
  technician       tech@demo.workbay.dev   (may read quotes, may not approve them: 403)

With the platform running (npm start), try:

1) Log in as the advisor and keep the token:
   TOKEN=$(curl -s ${api}/auth/login -H 'content-type: application/json' \\
     -d '{"email":"advisor@demo.workbay.dev","password":"${PASSWORD}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')

2) List sent quotes, then approve two of the three lines of one:
   curl -s "${api}/quotes?status=sent" -H "authorization: Bearer $TOKEN"
   curl -s -X POST ${api}/quotes/<quoteId>/approve -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
     -H 'Idempotency-Key: demo-approve-1' -d '{"lineIds":["line-1","line-2"],"approvedByName":"Asha Rao","channel":"phone"}'

3) Read it back over GraphQL, waiting for the position the approval returned:
   curl -s ${api}/graphql -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -H 'X-Min-Position: <position>' \\
     -d '{"query":"{ quotes(first: 5) { items { id status approvedSubtotalMinor lines { lineId decision totalMinor } } } }"}'

Then the shop floor: the approval opens a repair order (GET /repair-orders); the advisor assigns the
technician (POST /repair-orders/<id>/lines/line-1/assign), who starts and completes the work; the
advisor requests review, approves the work and issues the GST invoice (POST /repair-orders/<id>/invoice).

Docs: ${api}/docs  (OpenAPI JSON: ${api}/docs-json)   GraphQL: ${api}/graphql`);
}
