/**
 * Stripe's request bodies are `application/x-www-form-urlencoded` with bracketed keys:
 * `metadata[invoice]=inv_1`, `expand[0]=latest_charge`, `payment_method_types[]=card`.
 * This turns them into nested objects and arrays the way Stripe's API reads them.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type Params = Record<string, FormValue>;

export function parseForm(body: string): Params {
  const root: Params = {};
  if (!body) return root;
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    const path = keyPath(rawKey);
    assign(root, path, value);
  }
  return root;
}

function decode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

function keyPath(key: string): string[] {
  const first = key.indexOf('[');
  if (first < 0) return [key];
  const path = [key.slice(0, first)];
  for (const m of key.slice(first).matchAll(/\[([^\]]*)\]/g)) path.push(m[1]);
  return path;
}

function assign(target: Record<string, FormValue> | FormValue[], path: string[], value: string): void {
  const [head, ...rest] = path;
  const container = target as Record<string, FormValue>;
  const key = head === '' && Array.isArray(target) ? String(target.length) : head;
  if (rest.length === 0) {
    container[key] = value;
    return;
  }
  let next = container[key];
  if (next === undefined || typeof next === 'string') {
    next = rest[0] === '' || /^\d+$/.test(rest[0]) ? [] : {};
    container[key] = next;
  }
  assign(next as Record<string, FormValue>, rest, value);
}

/** `metadata` must be a flat map of strings, as Stripe requires. */
export function metadataOf(value: FormValue | undefined): Record<string, string> {
  if (value === undefined || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}
