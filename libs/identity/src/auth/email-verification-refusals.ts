import { AppError } from '@workbay/platform';

/** Why a verification token was refused; each is its own problem type (`verification-token-expired` ...). */
export type TokenRefusal = 'unknown' | 'used' | 'superseded' | 'expired';

const DETAIL: Record<TokenRefusal, string> = {
  unknown: 'this verification link is not one we sent: ask for a new one',
  used: 'this verification link was already used',
  superseded: 'a newer verification e-mail was sent: use the link in that one',
  expired: 'this verification link has expired: ask for a new one',
};

/**
 * 422 naming the reason. Telling them apart reveals nothing about who has an account: only the
 * holder of a token we sent can get anything but `unknown`.
 */
export class VerificationTokenRefused extends AppError {
  readonly status = 422;
  readonly code: string;
  constructor(readonly reason: TokenRefusal) {
    super(DETAIL[reason], [{ field: 'token', message: DETAIL[reason] }]);
    this.code = `VERIFICATION_TOKEN_${reason.toUpperCase()}`;
  }
}

/** A command of a shop whose owner has not verified their e-mail within the grace: reads still work. */
export class EmailVerificationRequired extends AppError {
  readonly status = 403;
  readonly code = 'EMAIL_VERIFICATION_REQUIRED';
  constructor(due: Date) {
    super(`verify the shop owner's e-mail address to continue: the grace ended at ${due.toISOString()} (POST /auth/verification-email sends the link again)`);
  }
}

export class EmailAlreadyVerified extends AppError {
  readonly status = 409;
  readonly code = 'EMAIL_ALREADY_VERIFIED';
  constructor() {
    super("the shop owner's e-mail address is already verified");
  }
}
