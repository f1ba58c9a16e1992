'use server';

import { z } from 'zod';

import { defineAction, defineSelfAuditedAction } from '@/lib/action';
import { todayInPractice } from '@/lib/dates';
import {
  conversationIdSchema,
  recategorizeSchema,
  replySchema,
  staffNoteSchema,
  startConversationSchema,
} from '@/lib/messaging/schemas';
import {
  addInternalNote,
  assignToStaff,
  queueTabs,
  recategorize,
  replyAsStaff,
  setConversationStatus,
  startConversation,
} from '@/lib/messaging/staff';
import { rememberSearch, searchTerm } from '@/lib/staff/remembered-search';

/** Any staff role with a queue; each function checks the conversation is in one of theirs. */
const queueStaff = {
  kind: 'staff',
  roles: ['clinical', 'billing', 'front_desk', 'admin'],
} as const;

export const replyToGuardian = defineAction(
  {
    name: 'messages.staffReply',
    schema: replySchema,
    access: queueStaff,
    audit: 'message.replied',
  },
  async ({ input, tx, session, describeAudit, sendMail }) => {
    const reply = await replyAsStaff(
      tx,
      session.user,
      input.conversationId,
      input.body,
      input.idempotencyKey,
    );
    if (reply.notice) await sendMail(reply.notice);
    describeAudit({
      childId: reply.childId,
      targetType: 'conversation',
      targetId: input.conversationId,
      metadata: { messageId: reply.messageId, emailed: Boolean(reply.notice) },
    });
    return { data: null };
  },
);

export const addStaffNote = defineAction(
  {
    name: 'messages.note',
    schema: staffNoteSchema,
    access: queueStaff,
    audit: 'message.note_added',
  },
  async ({ input, tx, session, describeAudit }) => {
    const note = await addInternalNote(
      tx,
      session.user,
      input.conversationId,
      input.body,
      input.idempotencyKey,
    );
    describeAudit({
      childId: note.childId,
      targetType: 'conversation',
      targetId: input.conversationId,
      metadata: { noteId: note.noteId },
    });
    return { data: null };
  },
);

export const assignConversationToMe = defineAction(
  {
    name: 'messages.assign',
    schema: conversationIdSchema,
    access: queueStaff,
    audit: 'conversation.assigned',
  },
  async ({ input, tx, session, describeAudit }) => {
    const { childId } = await assignToStaff(tx, session.user, input.conversationId);
    describeAudit({
      childId,
      targetType: 'conversation',
      targetId: input.conversationId,
      metadata: { assignedTo: session.user.id },
    });
    return { data: null };
  },
);

export const changeConversationCategory = defineAction(
  {
    name: 'messages.recategorize',
    schema: recategorizeSchema,
    access: queueStaff,
    audit: 'conversation.recategorized',
  },
  async ({ input, tx, session, describeAudit }) => {
    const moved = await recategorize(tx, session.user, input.conversationId, input.category);
    describeAudit({
      childId: moved.childId,
      targetType: 'conversation',
      targetId: input.conversationId,
      metadata: { from: moved.from, to: input.category },
    });
    return { data: { changed: moved.changed } };
  },
);

export const closeConversation = defineAction(
  {
    name: 'messages.close',
    schema: conversationIdSchema,
    access: queueStaff,
    audit: 'conversation.closed',
  },
  async ({ input, tx, session, describeAudit }) => {
    const { childId } = await setConversationStatus(
      tx,
      session.user,
      input.conversationId,
      'closed',
    );
    describeAudit({ childId, targetType: 'conversation', targetId: input.conversationId });
    return { data: null };
  },
);

export const reopenConversation = defineAction(
  {
    name: 'messages.reopen',
    schema: conversationIdSchema,
    access: queueStaff,
    audit: 'conversation.reopened',
  },
  async ({ input, tx, session, describeAudit }) => {
    const { childId } = await setConversationStatus(tx, session.user, input.conversationId, 'open');
    describeAudit({ childId, targetType: 'conversation', targetId: input.conversationId });
    return { data: null };
  },
);

export const writeToGuardian = defineAction(
  {
    name: 'messages.staffStart',
    schema: startConversationSchema,
    access: queueStaff,
    audit: 'message.sent',
  },
  async ({ input, tx, session, describeAudit, sendMail }) => {
    const started = await startConversation(tx, session.user, input, todayInPractice());
    if (started.notice) await sendMail(started.notice);
    describeAudit({
      childId: input.childId,
      targetType: 'conversation',
      targetId: started.conversationId,
      metadata: { category: input.category, startedBy: 'staff', emailed: Boolean(started.notice) },
    });
    return {
      data: { conversationId: started.conversationId },
      redirectTo: `/staff/messages/${started.conversationId}`,
    };
  },
);

/** Posts so that a child's name never reaches the address; a search changes nothing, so it is not audited. */
export const searchMessages = defineSelfAuditedAction(
  {
    name: 'messaging.search',
    schema: z.object({ q: searchTerm, tab: z.enum(queueTabs).catch('open') }),
    access: queueStaff,
  },
  async ({ input }) => {
    await rememberSearch('messages', { q: input.q });
    return { data: null, redirectTo: `/staff/messages?tab=${input.tab}` };
  },
);
