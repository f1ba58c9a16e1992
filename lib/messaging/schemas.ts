import { z } from 'zod';

import { BODY_MAX, messageCategoryIds, SUBJECT_MAX } from './vocabulary';

/** Client-safe: the message forms' schemas. Their choices and limits are in ./vocabulary. */
export {
  BODY_MAX,
  categoryLabels,
  messageCategoryIds,
  SUBJECT_MAX,
  type Category,
} from './vocabulary';

const idempotencyKey = z.string().uuid();
const body = z
  .string()
  .trim()
  .min(1, 'Write your message.')
  .max(BODY_MAX, `Keep the message under ${BODY_MAX.toLocaleString('en-US')} characters.`);
const subject = z
  .string()
  .trim()
  .min(1, 'Add a short subject.')
  .max(SUBJECT_MAX, `Keep the subject under ${SUBJECT_MAX} characters.`);

export const sendMessageSchema = z.object({
  childId: z
    .string()
    .min(1, 'Choose the child this is about.')
    .pipe(z.uuid('Choose the child this is about.')),
  category: z.enum(messageCategoryIds, { message: 'Choose the type of question.' }),
  subject,
  body,
  idempotencyKey,
});
export type SendMessageInput = z.infer<typeof sendMessageSchema>;

export const replySchema = z.object({ conversationId: z.uuid(), body, idempotencyKey });
export type ReplyInput = z.infer<typeof replySchema>;

export const staffNoteSchema = z.object({
  conversationId: z.uuid(),
  body: z.string().trim().min(1, 'Write the note.').max(BODY_MAX),
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
    .min(1, 'Choose who to write to.')
    .pipe(z.uuid('Choose who to write to.')),
  category: z.enum(messageCategoryIds, { message: 'Choose the queue.' }),
  subject,
  body,
  idempotencyKey,
});
export type StartConversationInput = z.infer<typeof startConversationSchema>;
