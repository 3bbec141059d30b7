import {
  casePhotoRepository,
  hotlineRepository,
  outboxRepository,
  type Executor,
} from '@xiuhua/db';
import { PUBLIC_NOTES, o311Status, type CaseState } from '@xiuhua/domain';

export const HOTLINE_EVENT = 'hotline.order.updated';

/** Actions whose opinion is the answer the hotline gives the caller (处理结果). */
const RESULT_ACTIONS = new Set([
  'feed_back',
  'close',
  'answer_directly',
  'reject',
  'verify_false',
  'refuse_file',
  'approve_void',
  'approve_self_disposal',
  'reopen',
]);
/** Actions after which the case's after-photos are sent along. */
const PHOTO_ACTIONS = new Set(['feed_back', 'close', 'approve_self_disposal']);
/** Internal steps the hotline still wants to know about (签收 counts for its own limits). */
const EXTRA_ACTIONS = new Set(['sign_for']);

/**
 * After a case action, tells the hotline about every order that became this case or a duplicate
 * merged into it: one `hotline.order.updated` outbox event per order, in the same transaction,
 * delivered by the webhook dispatcher (signed, retried with back-off).
 */
export async function emitHotlineFeedback(
  trx: Executor,
  entry: {
    caseId: number;
    caseNumber: string;
    action: string;
    toState: string;
    opinion: string | null;
    at: Date;
  },
): Promise<void> {
  const note = PUBLIC_NOTES[entry.action];
  if (!note && !EXTRA_ACTIONS.has(entry.action)) return;
  const orders = await hotlineRepository.forCaseOrChildren(trx, entry.caseId);
  if (orders.length === 0) return;
  const photos = PHOTO_ACTIONS.has(entry.action)
    ? (await casePhotoRepository.forCase(trx, entry.caseId))
        .filter((p) => p.kind === 'after')
        .map((p) => `/api/photos/${p.sha256}`)
    : [];
  for (const order of orders) {
    if (order.case_id === null) continue;
    await outboxRepository.append(trx, {
      caseId: order.case_id,
      type: HOTLINE_EVENT,
      payload: {
        orderId: order.id,
        channel: order.channel,
        orderNumber: order.order_number,
        caseNumber: entry.caseNumber,
        viaDuplicate: order.case_id !== entry.caseId,
        action: entry.action,
        state: entry.toState,
        status: o311Status(entry.toState as CaseState),
        summary: note?.summary ?? { zh: '责任单位已签收', en: 'Signed for by the department' },
        result: RESULT_ACTIONS.has(entry.action) ? entry.opinion : null,
        photos,
        at: entry.at.toISOString(),
      },
      at: entry.at,
    });
  }
}
