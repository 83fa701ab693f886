/** The bench's own client of the API: a real signup and login, then the records the paths need. */
export class BenchClient {
  private constructor(readonly api: string, readonly token: string, readonly tenantId: string) {}

  static async signupAndLogin(api: string): Promise<BenchClient> {
    const email = `bench.${Date.now()}@example.com`;
    const password = 'bench horse battery staple';
    const signup = await send(api, 'POST', '/auth/signup', {
      companyName: 'Bench Motors', country: 'IN', currency: 'INR', plan: 'growth', ownerName: 'Bench Owner', email, password,
    });
    const login = await send(api, 'POST', '/auth/login', { email, password });
    return new BenchClient(api, login.accessToken as string, signup.tenantId as string);
  }

  get headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' };
  }

  post(path: string, body: unknown): Promise<Record<string, unknown>> {
    return send(this.api, 'POST', path, body, this.token);
  }

  get(path: string, minPosition?: number): Promise<Record<string, unknown>> {
    return send(this.api, 'GET', path, undefined, this.token, minPosition === undefined ? {} : { 'x-min-position': String(minPosition) });
  }

  async customerWithVehicle(): Promise<{ customerId: string; vehicleId: string }> {
    const customer = await this.post('/customers', { firstName: 'Asha', lastName: 'Rao', phone: '+91 98450 12345' });
    const vehicle = await this.post('/vehicles', {
      customerId: customer.id, vin: '1HGCM82633A004352', year: 2019, make: 'Honda', model: 'City', mileage: 42000,
    });
    return { customerId: customer.id as string, vehicleId: vehicle.id as string };
  }

  /** `n` sent quotes (three lines each) for one customer, made by 16 concurrent callers; the last position written. */
  async sentQuotes(n: number, owner: { customerId: string; vehicleId: string }): Promise<{ ids: string[]; position: number }> {
    const ids: string[] = [];
    let position = 0;
    let next = 0;
    const one = async () => {
      while (next++ < n) {
        const quote = await this.post('/quotes', { ...owner, lines: THREE_LINES });
        const sent = await this.post(`/quotes/${quote.id}/send`, { channel: 'sms' });
        ids.push(quote.id as string);
        position = Math.max(position, sent.position as number);
      }
    };
    await Promise.all(Array.from({ length: 16 }, one));
    return { ids, position };
  }
}

async function send(api: string, method: string, path: string, body?: unknown, token?: string, extra: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

export const THREE_LINES = [
  { kind: 'labor', description: 'Replace front brake pads', quantity: 1.5, unitPriceMinor: 120000, taxable: true },
  { kind: 'part', description: 'Brake pad set', quantity: 1, unitPriceMinor: 345050, taxable: true },
  { kind: 'part', description: 'Cabin air filter', quantity: 2, unitPriceMinor: 49999, taxable: false },
];
