import { SCHEDULING } from '../manifest';
import { AVAILABILITY_GENERATIONS, AVAILABILITY_SOURCE_TABLES } from './availability-generations.projection';

describe("scheduling's manifest and the availability generations", () => {
  it('runs the generations projection last, waiting for every projection that owns a table availability reads', () => {
    const names = SCHEDULING.projections.map((p) => p.name);
    expect(names[names.length - 1]).toBe(AVAILABILITY_GENERATIONS);
    const generations = SCHEDULING.projections[names.length - 1] as (typeof SCHEDULING.projections)[number] & { sources: string[] };
    const owners = SCHEDULING.projections.filter((p) => p.tables.some((t) => AVAILABILITY_SOURCE_TABLES.includes(t)));
    expect([...generations.sources].sort()).toEqual(owners.map((p) => p.name).sort());
    // Each table availability reads has its projection here: none of them is read unwatched.
    expect(owners.flatMap((p) => p.tables).filter((t) => AVAILABILITY_SOURCE_TABLES.includes(t)).sort()).toEqual([...AVAILABILITY_SOURCE_TABLES].sort());
  });
});
