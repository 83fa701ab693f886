import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateStore, CommandResult, UserDirectory } from '@workbay/platform';
import { repairOrderDecider, RepairOrderState } from './repair-order.decider';
import { repairOrderStreamCategory } from './repair-order.events';
import { AssignTechnicianInput } from './repair-order.dto';
import { InvalidRepairOrderField } from './repair-order.errors';
import { TechnicianCandidate } from './repair-order-lines.rules';

/** Puts exactly these technicians on the line (replacing the previous set). */
export class AssignTechnician extends Command<CommandResult> {
  constructor(readonly repairOrderId: string, readonly lineId: string, readonly input: AssignTechnicianInput) {
    super();
  }
}

@CommandHandler(AssignTechnician)
export class AssignTechnicianHandler implements ICommandHandler<AssignTechnician> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly users: UserDirectory,
  ) {}

  async execute({ repairOrderId, lineId, input }: AssignTechnician): Promise<CommandResult> {
    // Roles and location as stored now, not as in anyone's token: a demoted user is refused at once.
    const byId = new Map((await this.users.candidates(input.technicianIds)).map((c) => [c.userId, c]));
    return this.aggregates.execute(repairOrderDecider, repairOrderStreamCategory, repairOrderId, (state: RepairOrderState, { now, actor }) => {
      // Only once the order is known to exist, so an unknown id never hides a 404 (another tenant's order).
      const technicians: TechnicianCandidate[] = input.technicianIds.map((userId, i) => {
        const candidate = byId.get(userId);
        if (!candidate && state.status !== 'none') throw new InvalidRepairOrderField(`technicians[${i}].userId`, `user ${userId} is not an active user of this shop`);
        return candidate ?? { userId, roles: [], locationId: null };
      });
      return { type: 'AssignTechnician' as const, lineId, technicians, assignedAt: now, actor };
    });
  }
}
