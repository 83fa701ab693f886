import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ValidationFailed } from '@workbay/platform';

/**
 * Port: the places a user can work at. The platform stores a user's home location but cannot see
 * what a location is; the context that owns locations (the shop) provides this, and the platform
 * asks it before storing one. Without a provider (a platform alone, in tests) nothing is checked.
 */
export abstract class WorkLocations {
  /** Why the location cannot be a user's home (unknown, closed), or null when it can. */
  abstract refusal(locationId: string): Promise<string | null>;
}

/** Checks a home location with whichever context provides WorkLocations; 422-ish 400 naming the field. */
@Injectable()
export class HomeLocationCheck {
  constructor(private readonly modules: ModuleRef) {}

  async assertUsable(locationId: string | null | undefined, field = 'locationId'): Promise<void> {
    if (!locationId) return;
    const provider = this.provider();
    const refusal = provider ? await provider.refusal(locationId) : null;
    if (refusal) throw new ValidationFailed([{ field, message: refusal }]);
  }

  private provider(): WorkLocations | null {
    try {
      return this.modules.get(WorkLocations, { strict: false });
    } catch {
      return null;
    }
  }
}
