import { z } from 'zod';

import { callerVerificationFields, requireTwoConfirmations } from './caller-verification';

/** Client-safe: the help desk's forms. */
export const accountIdSchema = z.object({ accountId: z.uuid() });

export const temporaryPasswordSchema = z
  .object({ accountId: z.uuid(), ...callerVerificationFields })
  .superRefine(requireTwoConfirmations('temporaryPassword'));
