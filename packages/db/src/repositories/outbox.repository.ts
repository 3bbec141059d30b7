import type { Executor } from './executor';

export const outboxRepository = {
  async append(
    db: Executor,
    event: { caseId: number | null; type: string; payload: Record<string, unknown>; at: Date },
  ): Promise<void> {
    await outboxRepository.appendMany(db, [event]);
  },

  /** Appends several events in one statement, in the given order. */
  async appendMany(
    db: Executor,
    events: readonly {
      caseId: number | null;
      type: string;
      payload: Record<string, unknown>;
      at: Date;
    }[],
  ): Promise<void> {
    if (events.length === 0) return;
    await db
      .insertInto('outbox_events')
      .values(
        events.map((event) => ({
          case_id: event.caseId,
          type: event.type,
          payload: JSON.stringify(event.payload),
          created_at: event.at,
        })),
      )
      .execute();
  },

  async forCase(db: Executor, caseId: number) {
    return db
      .selectFrom('outbox_events')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
  },
};
