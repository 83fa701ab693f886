import type { OverrideEntitlement } from './override-entitlements';

/**
 * `billing:override` arguments: `--tenant <id>` and any number of `--feature <name>=on|off|plan`
 * and `--quota <meter>=<hard>|soft:<n>,hard:<n>|plan` (`plan` removes the override). Throws a
 * usage message for anything else; names are checked by the command (unknown feature/meter).
 */
export function parseOverrideArguments(args: readonly string[]): { tenantId: string; overrides: OverrideEntitlement['override'][] } {
  let tenantId: string | undefined;
  const overrides: OverrideEntitlement['override'][] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[i + 1];
    if (!['--tenant', '--feature', '--quota'].includes(flag) || value === undefined) throw new Error(OVERRIDE_USAGE);
    i++;
    if (flag === '--tenant') {
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw new Error(`--tenant must be a tenant id (uuid), got ${value}`);
      tenantId = value.toLowerCase();
      continue;
    }
    const [name, setting, ...rest] = value.split('=');
    if (!name || setting === undefined || rest.length) throw new Error(`${flag} takes name=value, got ${value}`);
    if (flag === '--feature') {
      const enabled = ({ on: true, off: false, plan: null } as Record<string, boolean | null>)[setting];
      if (enabled === undefined) throw new Error(`--feature ${name}= takes on, off or plan, got ${setting}`);
      overrides.push({ feature: name, enabled });
    } else {
      overrides.push({ meter: name, quota: setting === 'plan' ? null : parseQuota(name, setting) });
    }
  }
  if (!tenantId || overrides.length === 0) throw new Error(OVERRIDE_USAGE);
  return { tenantId, overrides };
}

function parseQuota(meter: string, setting: string): { soft?: number; hard?: number } {
  const count = (text: string) => {
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new Error(`--quota ${meter}: ${text} is not a whole number`);
    return Number(text);
  };
  if (/^\d+$/.test(setting)) return { hard: count(setting) };
  const quota: { soft?: number; hard?: number } = {};
  for (const part of setting.split(',')) {
    const [kind, n] = part.split(':');
    if ((kind !== 'soft' && kind !== 'hard') || n === undefined || kind in quota) throw new Error(`--quota ${meter}= takes <hard>, soft:<n>,hard:<n> or plan, got ${setting}`);
    quota[kind] = count(n);
  }
  return quota;
}

export const OVERRIDE_USAGE = 'usage: workbay billing:override --tenant <tenantId> [--feature <feature>=on|off|plan]... [--quota <meter>=<hard>|soft:<n>,hard:<n>|plan]...';
