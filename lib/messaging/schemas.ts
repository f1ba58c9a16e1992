import { z } from 'zod';

import { BODY_MAX, messageCategoryIds, SUBJECT_MAX } from './vocabulary';

/**
 * Client-safe: the message forms' schemas. Their choices and limits are in ./vocabulary. Their
 * messages are catalog keys (validation.*); the numbers in the "too long" ones are BODY_MAX and
 * SUBJECT_MAX.
 */
export { BODY_MAX, messageCategoryIds, SUBJECT_MAX, type Category } from './vocabulary';

const idempotencyKey = z.string().uuid();
const body = z
  .string()
  .trim()
  .min(1, 'validation.messageBodyRequired')
  .max(BODY_MAX, 'validation.messageBodyTooLong');
const subject = z
  .string()
  .trim()
  .min(1, 'validation.messageSubjectRequired')
  .max(SUBJECT_MAX, 'validation.messageSubjectTooLong');

export const sendMessageSchema = z.object({
  childId: z
    .string()
    .min(1, 'validation.messageChildRequired')
    .pipe(z.uuid('validation.messageChildRequired')),
  category: z.enum(messageCategoryIds, { message: 'validation.messageCategoryRequired' }),
  subject,
  body,
  idempotencyKey,
});
export type SendMessageInput = z.infer<typeof sendMessageSchema>;

export const replySchema = z.object({ conversationId: z.uuid(), body, idempotencyKey });
export type ReplyInput = z.infer<typeof replySchema>;

export const staffNoteSchema = z.object({
  conversationId: z.uuid(),
  body: z.string().trim().min(1, 'validation.messageNoteRequired').max(BODY_MAX),
  idempotencyKey,
});
export const conversationIdSchema = z.object({ conversationId: z.uuid() });
export const recategorizeSchema = z.object({
  conversationId: z.uuid(),
  category: z.enum(messageCategoryIds),
});

export const startConversationSchema = z.object({
  childId: z.uuid(),
  guardianshipId: z
    .string()
    .min(1, 'validation.messageRecipientRequired')
    .pipe(z.uuid('validation.messageRecipientRequired')),
  category: z.enum(messageCategoryIds, { message: 'validation.messageQueueRequired' }),
  subject,
  body,
  idempotencyKey,
});
export type StartConversationInput = z.infer<typeof startConversationSchema>;
