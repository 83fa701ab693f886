/** Who a user is for work assignment: roles and home location, as stored now (not as in a token). */
export interface UserCandidate {
  userId: string;
  roles: string[];
  locationId: string | null;
}

/** Who to tell about work waiting on a user: an active user's address. */
export interface UserContact {
  userId: string;
  email: string;
  displayName: string;
}

/** A user's access as stored now: what the token's roles are replaced by on every request. */
export interface UserAccess {
  roles: string[];
  status: string;
}

/**
 * Port: the identity store as the kernel and other contexts need it, without reaching into
 * identity's tables; IdentityModule provides it. The JWT strategy asks it for a user's current
 * roles and status (a role taken away or a deactivation takes effect on the next request);
 * contexts ask it who may be assigned work. An abstract class so it is its own injection token.
 */
export abstract class UserDirectory {
  /** The active users of the current tenant among `userIds`; another tenant's id is left out like an unknown one. */
  abstract candidates(userIds: string[]): Promise<UserCandidate[]>;
  /** The user's roles and status in `tenantId`, or null if they are not a user there. */
  abstract accessOf(tenantId: string, userId: string): Promise<UserAccess | null>;
  /** The active users of the current tenant holding `role`, ordered by id (a stable order for keyed notices). */
  abstract holders(role: string): Promise<UserContact[]>;
  /** The addresses of the active users of the current tenant among `userIds`; another tenant's id is left out. */
  abstract contacts(userIds: string[]): Promise<UserContact[]>;
  /** Display names of the current tenant's users among `userIds` (any status: a log names people who left too); others are left out. */
  abstract namesOf(userIds: string[]): Promise<Map<string, string>>;
}
