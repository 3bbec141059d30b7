// The closed loop of a case, driven concurrently: a supervisor's report → accept → file → dispatch → sign_for →
// (after photo) → feed_back → send_check → check_pass → close, each step by the role that takes
// it, through a driver (HTTP against the child server, or the core commands in-process).
import { addCasePhoto, createCase, performCaseAction, type AppContext } from '@xiuhua/core';
import type { Actor } from '@xiuhua/domain';
import { nowMs, percentile } from '../lib/timing';
import type { CaseReport, httpClient } from './load-helpers';

export type Role = 'operator' | 'shiftLeader' | 'dispatcher' | 'supervisor' | 'handler';
export type CaseRef = { id: number; version: number };
/** What dispatch and filing use for one case: a class and the department that handles it. */
export type Assignment = { classId: number; departmentId: number };

export type Driver = {
  create(report: CaseReport): Promise<CaseRef>;
  act(
    role: Role,
    departmentId: number,
    ref: CaseRef,
    action: string,
    input: Record<string, unknown>,
  ): Promise<CaseRef>;
  photo(departmentId: number, ref: CaseRef): Promise<void>;
};

export const TRANSITIONS = [
  'accept',
  'file',
  'dispatch',
  'sign_for',
  'feed_back',
  'send_check',
  'check_pass',
  'close',
] as const;

/** A minimal JPEG (SOI, JFIF marker, EOI), distinct per salt. */
export function tinyJpeg(salt: number): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from(`JFIF\0bench-${salt}`),
    Buffer.from([0xff, 0xd9]),
  ]);
}

export class RefusedError extends Error {}

type Http = ReturnType<typeof httpClient>;

/** Tokens: one per role, the handler's per department. */
export function httpDriver(
  client: Http,
  tokens: Record<Exclude<Role, 'handler'>, string>,
  handlerTokens: Map<number, string>,
): Driver {
  const tokenOf = (role: Role, departmentId: number): string => {
    const token = role === 'handler' ? handlerTokens.get(departmentId) : tokens[role];
    if (!token) throw new Error(`no token for ${role} ${departmentId}`);
    return token;
  };
  const expect = (what: string, status: number, want: number, body: string): CaseRef => {
    if (status !== want) throw new RefusedError(`${what}: ${status} ${body.slice(0, 300)}`);
    const parsed = JSON.parse(body) as { id: number; version: number };
    return { id: parsed.id, version: parsed.version };
  };
  let salt = 0;
  return {
    async create(report) {
      const answer = await client.send(
        'POST',
        '/api/cases',
        {
          authorization: `Bearer ${tokens.supervisor}`,
          'content-type': 'application/json',
          'idempotency-key': `bench-wf-${process.pid}-${Date.now()}-${salt++}`,
        },
        JSON.stringify(report),
      );
      return expect('create', answer.status, 201, answer.body);
    },
    async act(role, departmentId, ref, action, input) {
      const answer = await client.json(
        'POST',
        `/api/cases/${ref.id}/actions/${action}`,
        tokenOf(role, departmentId),
        { version: ref.version, ...input },
      );
      return expect(action, answer.status, 200, answer.body);
    },
    async photo(departmentId, ref) {
      const boundary = `----bench${salt++}`;
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="after.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
        tinyJpeg(salt),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const answer = await client.send(
        'POST',
        `/api/cases/${ref.id}/photos?kind=after`,
        {
          authorization: `Bearer ${tokenOf('handler', departmentId)}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        body,
      );
      if (answer.status !== 201)
        throw new RefusedError(`photo: ${answer.status} ${answer.body.slice(0, 300)}`);
    },
  };
}

/** The same steps through the core commands, without HTTP (and without the view re-read). */
export function inProcessDriver(
  ctx: AppContext,
  actors: Record<Exclude<Role, 'handler'>, Actor>,
  handlerActors: Map<number, Actor>,
): Driver {
  const actorOf = (role: Role, departmentId: number): Actor => {
    const actor = role === 'handler' ? handlerActors.get(departmentId) : actors[role];
    if (!actor) throw new Error(`no actor for ${role} ${departmentId}`);
    return actor;
  };
  let salt = 1e9;
  return {
    async create(report) {
      const { body } = await createCase(ctx, actors.supervisor, report);
      return { id: body.id, version: body.version };
    },
    async act(role, departmentId, ref, action, input) {
      const row = await performCaseAction(ctx, actorOf(role, departmentId), {
        caseId: ref.id,
        action,
        version: ref.version,
        input,
      });
      return { id: row.id, version: row.version };
    },
    async photo(departmentId, ref) {
      await addCasePhoto(ctx, actorOf('handler', departmentId), {
        caseId: ref.id,
        kind: 'after',
        bytes: tinyJpeg(salt++),
      });
    },
  };
}

export type LoopResult = {
  seconds: number;
  transitions: number;
  loops: number;
  creates: number;
  /** Latencies (ms) in the measured window, per step ('create', 'photo' and each action). */
  latencies: Map<string, number[]>;
  failures: string[];
};

/**
 * `concurrency` cases in flight for warm-up plus `seconds`; a step is counted when it completes
 * inside the measured window. Steps stop at the deadline (unfinished cases stay mid-loop).
 */
export async function runLoops(options: {
  driver: Driver;
  concurrency: number;
  warmSeconds: number;
  seconds: number;
  report: () => CaseReport;
  assignment: (n: number) => Assignment;
}): Promise<LoopResult> {
  const { driver } = options;
  // One case first: it builds the grid index (seconds for 40,000 grids) before the clock runs.
  await driver.create(options.report());
  const start = nowMs();
  const windowStart = start + options.warmSeconds * 1000;
  const deadline = windowStart + options.seconds * 1000;
  const latencies = new Map<string, number[]>();
  const failures: string[] = [];
  let transitions = 0;
  let loops = 0;
  let creates = 0;
  let n = 0;
  const timed = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
    const t = nowMs();
    const result = await fn();
    const end = nowMs();
    if (end >= windowStart && end <= deadline) {
      const list = latencies.get(step) ?? [];
      list.push(end - t);
      latencies.set(step, list);
      if (step === 'create') creates++;
      else if (step !== 'photo') transitions++;
      if (step === 'close') loops++;
    }
    return result;
  };
  const oneLoop = async (): Promise<void> => {
    const { classId, departmentId: dept } = options.assignment(n++);
    let ref = await timed('create', () => driver.create(options.report()));
    const steps: [Role, string, Record<string, unknown>][] = [
      ['operator', 'accept', {}],
      ['shiftLeader', 'file', { classId, urgency: 'normal' }],
      ['dispatcher', 'dispatch', { departmentIds: [dept] }],
      ['handler', 'sign_for', {}],
      ['handler', 'photo', {}],
      ['handler', 'feed_back', { opinion: '已按要求处置完毕，现场已恢复' }],
      ['operator', 'send_check', {}],
      ['supervisor', 'check_pass', {}],
      ['shiftLeader', 'close', {}],
    ];
    for (const [role, action, input] of steps) {
      if (nowMs() >= deadline) return;
      const current = ref;
      if (action === 'photo') await timed('photo', () => driver.photo(dept, current));
      else ref = await timed(action, () => driver.act(role, dept, current, action, input));
    }
  };
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (nowMs() < deadline && failures.length === 0) {
        try {
          await oneLoop();
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  return {
    seconds: (Math.min(nowMs(), deadline) - windowStart) / 1000,
    transitions,
    loops,
    creates,
    latencies,
    failures,
  };
}

/** p50 and p99 over every transition (not create or photo). */
export function transitionPercentiles(result: LoopResult): { p50: number; p99: number } {
  const all = TRANSITIONS.flatMap((a) => result.latencies.get(a) ?? []);
  return { p50: percentile(all, 50), p99: percentile(all, 99) };
}

/** "accept 12/40, file 15/52 …" (p50/p99 ms per step). */
export function perStepText(result: LoopResult): string {
  return ['create', ...TRANSITIONS, 'photo']
    .map((step) => {
      const list = result.latencies.get(step) ?? [];
      return `${step} ${percentile(list, 50).toFixed(0)}/${percentile(list, 99).toFixed(0)}`;
    })
    .join(', ');
}
