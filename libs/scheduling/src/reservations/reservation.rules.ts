import type { TextRule } from '@workbay/platform/fields';

/** The text fields of a reservation, checked by the one text rule (platform fields) at the edge. */
export const RESERVATION_TEXT = {
  notes: { max: 1000, multiline: true },
  reason: { max: 500, multiline: true },
} as const satisfies Record<string, TextRule>;
