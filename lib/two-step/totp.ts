import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

/** Standard authenticator settings (SHA-1, 6 digits, 30 seconds): every common app reads them. */
const PERIOD_SECONDS = 30;
/** One step either side, for a phone clock a little off and a code typed as it changes. */
const TOLERANCE_SECONDS = PERIOD_SECONDS;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function otpauthUri(secret: string, issuer: string, accountLabel: string): string {
  return generateURI({ issuer, label: accountLabel, secret });
}

export function timeStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);
}

/** The code an authenticator shows at a moment (tests and the demo-code script use it). */
export function totpCodeAt(secret: string, moment: Date): string {
  return generateSync({ secret, epoch: Math.floor(moment.getTime() / 1000) });
}

function normalizeTotpCode(typed: string): string {
  return typed.replace(/\s|-/g, '');
}

/**
 * Checks a code and returns the time step it belongs to, refusing any step at or before the
 * last one accepted: a code seen over a shoulder or in a proxy log cannot be used again.
 */
export function checkTotpCode(
  secret: string,
  typed: string,
  lastUsedStep: number | null,
  now: Date,
): { valid: true; timeStep: number } | { valid: false; alreadyUsed: boolean } {
  const token = normalizeTotpCode(typed);
  if (!/^\d{6}$/.test(token)) return { valid: false, alreadyUsed: false };
  const stepOf = (afterTimeStep: number | null) => {
    const result = verifySync({
      secret,
      token,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: TOLERANCE_SECONDS,
      ...(afterTimeStep === null ? {} : { afterTimeStep }),
    });
    // otplib's result type covers HOTP too; a TOTP check always reports its time step.
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  };
  const timeStep = stepOf(lastUsedStep);
  if (timeStep !== null) return { valid: true, timeStep };
  // Told apart only for the audit trail: the person sees the same "did not work" either way.
  return { valid: false, alreadyUsed: lastUsedStep !== null && stepOf(null) !== null };
}
