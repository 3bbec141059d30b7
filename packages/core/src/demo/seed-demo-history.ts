import { randomBytes } from 'node:crypto';
import {
  caseTimerRepository,
  catalogueRepository,
  organisationRepository,
  userRepository,
  type CaseRow,
} from '@xiuhua/db';
import type { Actor, AreaGeometry, Clock } from '@xiuhua/domain';
import { actorFromUser } from '../auth/actor-from-user';
import { createCase } from '../cases/create-case.command';
import { performCaseAction } from '../cases/perform-case-action.command';
import type { AppContext } from '../context';
import { addCasePhoto } from '../photos/photo.commands';
import { createUser } from '../users/user.commands';
import { DEMO_DEPARTMENTS } from './demo-organisations';

/** A clock the history walks through time with. */
class HistoryClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date) {
    this.at = new Date(at);
  }
}

/** A small seeded generator (mulberry32): the same seed gives the same history. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A password nobody knows that still meets the password rules (letters and digits). */
const unusedPassword = () => `Demo-${randomBytes(16).toString('hex')}-x9`;

/** A 1×1 JPEG, the demo's after-photo. */
const DEMO_PHOTO = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

const MINUTE = 60_000;
const DAY = 86_400_000;
const CST = 8 * 3_600_000;

/** Local (China) 08:00 of the day `daysBack` before `now`, plus `minutes`. */
function workingTime(now: Date, daysBack: number, minutes: number): Date {
  const midnight = Math.floor((now.getTime() + CST) / DAY) * DAY - CST - daysBack * DAY;
  // 08:00–12:00 and 14:00–18:00: minutes past 240 skip the lunch break.
  const worked = minutes < 240 ? minutes : minutes + 120;
  return new Date(midnight + 8 * 3_600_000 + worked * MINUTE);
}

function isWeekend(at: Date): boolean {
  const day = new Date(at.getTime() + CST).getUTCDay();
  return day === 0 || day === 6;
}

function pointIn(geometry: AreaGeometry): { lng: number; lat: number } {
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0];
  const xs = (ring ?? []).map((p) => p[0] ?? 0);
  const ys = (ring ?? []).map((p) => p[1] ?? 0);
  return {
    lng: (Math.min(...xs) + Math.max(...xs)) / 2,
    lat: (Math.min(...ys) + Math.max(...ys)) / 2,
  };
}

export type DemoHistoryGrid = { code: string; geometry: AreaGeometry };

/**
 * Three weeks of demo cases through the real workflow (every step a real transition with its
 * time limits, log and facts), so the desk, the map, the evaluation and the big screen have
 * something to show: most handled on time, some late, some reworked, some still open — a few
 * reported today. Deterministic by seed. Department handlers for each demo department are
 * created on the way (random passwords; not demo logins).
 */
export async function seedDemoHistory(
  ctx: AppContext,
  options: {
    grids: readonly DemoHistoryGrid[];
    districtCode: string;
    /** The first street's code: where the demo supervisor patrols. */
    supervisorStreet: string;
    days?: number;
    perDay?: number;
    seed?: number;
  },
): Promise<{ cases: number }> {
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  const clock = new HistoryClock(now);
  const hctx: AppContext = { ...ctx, clock };
  const rand = random(options.seed ?? 20261202);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(rand() * items.length)];
    if (item === undefined) throw new Error('nothing to pick from');
    return item;
  };
  const actorOf = async (username: string): Promise<Actor> => {
    const user = await userRepository.findByUsername(db, username);
    if (!user) throw new Error(`demo user ${username} missing`);
    return actorFromUser(user, 'session');
  };
  const [admin, supervisor, operator, shiftLeader, dispatcher, commander] = await Promise.all(
    ['admin', 'supervisor', 'operator', 'shiftleader', 'dispatcher', 'commander'].map(actorOf),
  );
  if (!admin || !supervisor || !operator || !shiftLeader || !dispatcher || !commander)
    throw new Error('demo users missing');
  // Checks outside the demo supervisor's street are done by the district's inspection team.
  await createUser(ctx, admin, {
    username: 'inspector',
    displayName: '区督查组监督员',
    password: unusedPassword(),
    roles: ['supervisor'],
    organisationCode: 'YP-CENTRE',
    scope: { kind: 'region', divisionCode: options.districtCode },
  });
  const inspector = await actorOf('inspector');

  // A handler per first-level department, and the matter classes each answers for.
  const handlers = new Map<number, Actor>();
  for (const dept of DEMO_DEPARTMENTS) {
    const org = await organisationRepository.findByCode(db, dept.code);
    if (!org) continue;
    const username = `handler-${dept.code.toLowerCase()}`;
    await createUser(ctx, admin, {
      username,
      displayName: `${dept.name}处置员`,
      password: unusedPassword(),
      roles: ['department_handler'],
      organisationCode: dept.code,
      scope: { kind: 'department', organisationCode: dept.code },
    });
    handlers.set(org.id, await actorOf(username));
  }
  const classes = (
    await catalogueRepository.list(db, { standard: 'GB/T 47678.5-2026', kind: 'matter' })
  ).filter((c) => c.default_department_id !== null && handlers.has(c.default_department_id));
  if (classes.length === 0) return { cases: 0 };

  const days = options.days ?? 21;
  const perDay = options.perDay ?? 4;
  const inStreet = options.grids.filter((g) => g.code.startsWith(options.supervisorStreet));
  let made = 0;
  let photos = 0;
  const at = (time: Date) => clock.set(time.getTime() > now.getTime() ? now : time);
  for (let back = days; back >= 0; back--) {
    if (isWeekend(workingTime(now, back, 0))) continue;
    const count = back === 0 ? 6 : perDay;
    for (let i = 0; i < count; i++) {
      const reportedAt = workingTime(now, back, Math.floor(rand() * 420));
      if (reportedAt.getTime() >= now.getTime()) continue;
      const bySupervisor = rand() < 0.5 && inStreet.length > 0;
      const grid = pick(bySupervisor ? inStreet : options.grids);
      const cls = pick(classes);
      const department = cls.default_department_id ?? 0;
      const handler = handlers.get(department);
      if (!handler) continue;
      const checker = bySupervisor ? supervisor : inspector;
      at(reportedAt);
      let c: CaseRow;
      try {
        c = (
          await createCase(hctx, bySupervisor ? supervisor : commander, {
            source: bySupervisor ? 'supervisor' : 'leader',
            description: `${cls.name}（演示）`,
            ...pointIn(grid.geometry),
          })
        ).body;
      } catch {
        continue; // a clipped grid's box centre may fall outside it; skip that one
      }
      made += 1;
      let t = reportedAt.getTime();
      const step = async (who: Actor, action: string, minutes: number, input = {}) => {
        t += minutes * MINUTE;
        if (t >= now.getTime()) return false;
        at(new Date(t));
        c = await performCaseAction(hctx, who, {
          caseId: c.id,
          action,
          version: c.version,
          input,
        });
        return true;
      };
      const feedBack = async (minutes: number) => {
        t += minutes * MINUTE;
        if (t >= now.getTime()) return false;
        at(new Date(t));
        // Each photo its own bytes: the same photo again would not count as new evidence.
        photos += 1;
        const bytes = Buffer.concat([DEMO_PHOTO, Buffer.from(`demo-${photos}`)]);
        await addCasePhoto(hctx, handler, { caseId: c.id, kind: 'after', bytes });
        t -= 1;
        return step(handler, 'feed_back', 0, { opinion: '已处理完毕（演示）' });
      };
      if (!(await step(operator, 'accept', 5 + rand() * 20))) continue;
      if (
        !(await step(shiftLeader, 'file', 5 + rand() * 25, { classId: cls.id, urgency: 'normal' }))
      )
        continue;
      if (!(await step(dispatcher, 'dispatch', 5 + rand() * 15, { departmentIds: [department] })))
        continue;
      const outcome = rand();
      if (outcome < 0.1) continue; // still with the department
      const timer = await caseTimerRepository.active(db, c.id);
      const due = timer?.due_at?.getTime() ?? t + 4 * 60 * MINUTE;
      const late = outcome < 0.25;
      const minutesToFeedBack = late
        ? (due - t) / MINUTE + 60 + rand() * 600
        : Math.max(10, ((due - t) / MINUTE) * (0.2 + rand() * 0.6));
      if (!(await feedBack(minutesToFeedBack))) continue;
      if (!(await step(operator, 'send_check', 10))) continue;
      if (outcome > 0.9) {
        if (!(await step(checker, 'check_fail', 30, { opinion: '未处理到位（演示）' }))) continue;
        if (!(await feedBack(90))) continue;
        if (!(await step(operator, 'send_check', 10))) continue;
      }
      if (!(await step(checker, 'check_pass', 30))) continue;
      await step(shiftLeader, 'close', 10);
    }
  }
  clock.set(now);
  return { cases: made };
}
