import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { AppConfig } from '@workbay/platform';

/** Argon2id at the configured cost (PASSWORD_HASH_*); a stored hash is verified at the cost it carries. */
@Injectable()
export class PasswordHashing {
  private readonly options: argon2.HashOptions & { raw?: false };
  private dummy?: Promise<string>;

  constructor(config: AppConfig) {
    this.options = { type: argon2.argon2id, memoryCost: config.PASSWORD_HASH_MEMORY_KIB, timeCost: config.PASSWORD_HASH_TIME_COST };
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, this.options);
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password);
  }

  /**
   * Verifying against a real hash of the same cost when the e-mail is unknown keeps response times
   * alike, so login does not reveal which addresses have accounts.
   */
  timingEqualiser(): Promise<string> {
    return (this.dummy ??= this.hash('workbay-timing-equaliser'));
  }
}
