import { given } from '@workbay/eventstore/testing';
import {
  claimStanding,
  LOCATION_NAME_CLAIM_GRACE_MS,
  LocationNameClaim,
  locationNameDecider,
  locationNameKey,
  LocationNameReserved,
  LocationNameTaken,
  ReserveLocationName,
} from './location-name.decider';

const reserve = (overrides: Partial<ReserveLocationName> = {}): ReserveLocationName => ({
  type: 'ReserveLocationName',
  name: 'Indiranagar',
  locationId: 'loc-2',
  locationVersion: 0,
  holder: 'free',
  claimedAt: '2025-03-01T09:00:10.000Z',
  actor: 'user-1',
  ...overrides,
});

const reservedBy = (locationId: string, locationVersion = 0): LocationNameReserved => ({
  type: 'LocationNameReserved',
  data: { name: 'Indiranagar', locationId, locationVersion, claimedAt: '2025-03-01T09:00:00.000Z' },
});

describe('Location names', () => {
  it('treats case, width and spacing as the same name', () => {
    expect(locationNameKey('  Indiranagar   Branch ')).toBe(locationNameKey('INDIRANAGAR BRANCH'));
    expect(locationNameKey('Ｉndiranagar')).toBe('indiranagar');
    expect(locationNameKey('Indiranagar')).not.toBe(locationNameKey('Indira Nagar'));
  });

  it('reserves a free name for a location at the version it will append at', () => {
    given(locationNameDecider).when(reserve()).then([{ ...reservedBy('loc-2'), data: { ...reservedBy('loc-2').data, claimedAt: '2025-03-01T09:00:10.000Z' } }]);
  });

  it('refuses a name another location uses with 409 on the name field', () => {
    given(locationNameDecider, [reservedBy('loc-1')])
      .when(reserve({ holder: 'in-use' }))
      .thenThrows(LocationNameTaken, { kind: 'conflict', field: 'name', message: /already called 'Indiranagar'/ });
  });

  it('refuses a name whose claim is still in progress, asking to retry', () => {
    given(locationNameDecider, [reservedBy('loc-1')]).when(reserve({ holder: 'pending' })).thenThrows(LocationNameTaken, { message: /retry/ });
  });

  it('takes over a name its holder gave up (renamed or closed) or a stalled claim the caller fenced', () => {
    for (const holder of ['released', 'stalled'] as const) {
      const state = given(locationNameDecider, [reservedBy('loc-1')]).when(reserve({ holder })).then([
        { type: 'LocationNameReserved', data: { name: 'Indiranagar', locationId: 'loc-2', locationVersion: 0, claimedAt: '2025-03-01T09:00:10.000Z' } },
      ]);
      expect(state.claim?.locationId).toBe('loc-2');
    }
  });

  it("records nothing for a repeated claim of the location's own name at the same version", () => {
    given(locationNameDecider, [reservedBy('loc-2')]).when(reserve()).then([]);
  });

  it('renews its own claim at a newer version (renamed away and back)', () => {
    const [event] = locationNameDecider.decide(reserve({ locationVersion: 3 }), given(locationNameDecider, [reservedBy('loc-2')]).state);
    expect(event.data).toMatchObject({ locationId: 'loc-2', locationVersion: 3 });
  });

  it('releases only its own claim', () => {
    const release = { type: 'ReleaseLocationName' as const, locationId: 'loc-1', releasedAt: '2025-06-30T00:00:00.000Z', actor: 'user-1' };
    const state = given(locationNameDecider, [reservedBy('loc-1')])
      .when(release)
      .then([{ type: 'LocationNameReleased', data: { name: 'Indiranagar', locationId: 'loc-1', releasedAt: '2025-06-30T00:00:00.000Z' } }]);
    expect(state.claim).toBeNull();
    given(locationNameDecider, [reservedBy('loc-2')]).when(release).then([]);
  });

  describe('judging a claim held by another location', () => {
    const claim: LocationNameClaim = { locationId: 'loc-1', locationVersion: 2, claimedAt: '2025-03-01T09:00:00.000Z' };
    const later = (ms: number) => new Date(Date.parse(claim.claimedAt) + ms).toISOString();

    it('is in use when the holder appended after the claim and still has the name', () => {
      expect(claimStanding(claim, { version: 3, usesName: true }, later(1))).toBe('in-use');
    });

    it('is released when the holder appended after the claim and no longer has the name', () => {
      expect(claimStanding(claim, { version: 5, usesName: false }, later(1))).toBe('released');
    });

    it('is pending while the holder has not appended, within the grace period', () => {
      expect(claimStanding(claim, { version: 2, usesName: false }, later(LOCATION_NAME_CLAIM_GRACE_MS - 1))).toBe('pending');
    });

    it('is stalled when the holder has not appended past the grace period', () => {
      expect(claimStanding(claim, { version: 2, usesName: false }, later(LOCATION_NAME_CLAIM_GRACE_MS))).toBe('stalled');
    });
  });
});
