/** A tenant's scheduling settings. Stream: `${tenantId}.scheduling-settings-${tenantId}`; absent = the defaults. */
import type { SchedulingSettings } from '../shared/schedule.rules';

export const schedulingSettingsStreamCategory = 'scheduling-settings' as const;

/** Every setting after the change, not a diff. */
export interface SchedulingSettingsChanged {
  type: 'SchedulingSettingsChanged';
  data: SchedulingSettings & { changedAt: string };
}
