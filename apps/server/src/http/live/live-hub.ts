import type { ServerResponse } from 'node:http';
import type { AppContext } from '@xiuhua/core';
import { screenRepository } from '@xiuhua/db';

/** How often the outbox is read for new events; a change reaches screens within ~0.5 s. */
export const LIVE_POLL_MS = 500;
const HEARTBEAT_MS = 15_000;
/** Transactions commit out of id order: ids just below the newest are read again, once each. */
const LOOK_BACK = 200;

type Client = { response: ServerResponse };

/**
 * Server-sent events for screens and consoles: every case event written to the outbox (in the
 * case's own transaction) is pushed as `event: case` with its type and case id. Clients fetch
 * what they show again; the event carries no case data, so scope checks stay with those APIs.
 * One poller per server process, running only while someone listens.
 */
export class LiveHub {
  private readonly clients = new Set<Client>();
  private readonly sent = new Set<number>();
  private lastId = 0;
  private poller: ReturnType<typeof setInterval> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private polling = false;

  constructor(private readonly ctx: AppContext) {}

  async add(response: ServerResponse): Promise<void> {
    const client = { response };
    if (this.clients.size === 0) await this.start();
    this.clients.add(client);
    response.on('close', () => {
      this.clients.delete(client);
      if (this.clients.size === 0) this.stop();
    });
  }

  private async start() {
    this.lastId = await screenRepository.lastEventId(this.ctx.db.kysely);
    this.sent.clear();
    this.poller = setInterval(() => void this.poll(), LIVE_POLL_MS);
    this.heartbeat = setInterval(() => this.broadcast(': ping\n\n'), HEARTBEAT_MS);
  }

  stop() {
    clearInterval(this.poller);
    clearInterval(this.heartbeat);
    this.poller = undefined;
    this.heartbeat = undefined;
  }

  close() {
    this.stop();
    for (const c of this.clients) c.response.end();
    this.clients.clear();
  }

  private async poll() {
    if (this.polling) return;
    this.polling = true;
    try {
      const rows = await screenRepository.eventsAfter(
        this.ctx.db.kysely,
        Math.max(0, this.lastId - LOOK_BACK),
        1000,
      );
      for (const row of rows) {
        const id = Number(row.id);
        if (this.sent.has(id)) continue;
        this.sent.add(id);
        this.lastId = Math.max(this.lastId, id);
        this.broadcast(
          `id: ${id}\nevent: case\ndata: ${JSON.stringify({ type: row.type, caseId: row.case_id })}\n\n`,
        );
      }
      for (const id of this.sent) if (id < this.lastId - LOOK_BACK) this.sent.delete(id);
    } catch {
      // A failed read is retried on the next tick; screens also refresh on their own.
    } finally {
      this.polling = false;
    }
  }

  private broadcast(text: string) {
    for (const c of this.clients) c.response.write(text);
  }
}
