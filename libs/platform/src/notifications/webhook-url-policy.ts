import { isIP } from 'node:net';

/**
 * Why `url` may not be a tenant's webhook endpoint, or null when it may. In production the
 * worker must not be pointed at itself or its neighbours (SSRF): https only, and no loopback,
 * private, link-local (cloud metadata) or unspecified address literal, nor localhost. Elsewhere
 * (development, tests) a local http receiver is the point. A public name that resolves to a
 * private address is not caught here: that needs an egress proxy or a resolving check at send time.
 */
export function webhookUrlProblem(url: string, production: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an http or https URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'must be an http or https URL';
  if (parsed.username || parsed.password) return 'must not carry credentials (the signature authenticates us)';
  if (!production) return null;
  if (parsed.protocol !== 'https:') return 'must be an https URL';
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal')) return 'must be a public address';
  if (isIP(host) && isPrivateAddress(host)) return 'must be a public address';
  return null;
}

function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
    if (mapped) return isPrivateAddress(mapped[1]);
    // WHATWG URL writes an IPv4-mapped literal in hex (::ffff:7f00:1 for 127.0.0.1).
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ip);
    if (hex) {
      const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
      return isPrivateAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return ip === '::' || ip === '::1' || /^f[cd]/.test(ip) || /^fe[89ab]/.test(ip);
  }
  const [a, b] = ip.split('.').map(Number);
  return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}
