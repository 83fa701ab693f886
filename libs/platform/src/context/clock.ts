import { randomUUID } from 'node:crypto';

/** Time and ids come from here so tests can pin them; domain code receives them on commands. */
export abstract class Clock {
  abstract now(): Date;
}
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export abstract class IdGenerator {
  abstract next(): string;
}
export class UuidGenerator extends IdGenerator {
  next(): string {
    return randomUUID();
  }
}
