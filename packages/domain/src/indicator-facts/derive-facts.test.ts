import { describe, expect, it } from 'vitest';
import { deriveFacts, type Fact, type FactAction, type FactTimer } from './derive-facts';

const T = (hhmm: string) => new Date(`2026-11-02T${hhmm}:00+08:00`);

function log(
  rows: [
    action: string,
    from: string | null,
    to: string,
    actor: number,
    role: string,
    at: string,
  ][],
  details: Record<number, Record<string, unknown>> = {},
): FactAction[] {
  return rows.map(([action, fromState, toState, actorUserId, role, at], i) => ({
    seq: i + 1,
    action,
    fromState,
    toState,
    actorUserId,
    actorRoles: [role],
    at: T(at),
    detail: details[i + 1] ?? {},
  }));
}

let timerId = 0;
const timer = (
  step: string,
  started: string,
  due: string | null,
  finished: string | null,
  status: FactTimer['status'] = finished ? 'done' : 'running',
): FactTimer => ({
  id: ++timerId,
  step,
  status,
  startedAt: T(started),
  dueAt: due ? T(due) : null,
  finishedAt: finished ? T(finished) : null,
});

const kinds = (facts: Fact[]) => facts.map((f) => f.kind);
const only = (facts: Fact[], kind: Fact['kind']) => facts.filter((f) => f.kind === kind);

// People: 1 supervisor, 2 operator, 3 shift leader, 4 dispatcher, 5 department handler.
const fullLoop = log(
  [
    ['create', null, 'PENDING_ACCEPT', 1, 'supervisor', '09:00'],
    ['accept', 'PENDING_ACCEPT', 'PENDING_FILE', 2, 'operator', '09:05'],
    ['file', 'PENDING_FILE', 'PENDING_DISPATCH', 3, 'shift_leader', '09:10'],
    ['dispatch', 'PENDING_DISPATCH', 'DISPOSING', 4, 'dispatcher', '09:20'],
    ['feed_back', 'DISPOSING', 'PENDING_CHECK', 5, 'department_handler', '10:00'],
    ['check_fail', 'PENDING_CHECK', 'DISPOSING', 1, 'supervisor', '10:30'],
    ['feed_back', 'DISPOSING', 'PENDING_CHECK', 5, 'department_handler', '15:00'],
    ['check_pass', 'PENDING_CHECK', 'PENDING_CLOSE', 1, 'supervisor', '15:20'],
    ['close', 'PENDING_CLOSE', 'CLOSED', 3, 'shift_leader', '15:30'],
  ],
  { 4: { departmentIds: [70, 71] }, 9: { overdue: true } },
);
const fullTimers = [
  timer('accept', '09:00', '09:10', '09:05'),
  timer('file', '09:05', '09:35', '09:10'),
  timer('dispatch', '09:10', '09:40', '09:20'),
  timer('dispose', '09:20', '13:20', '10:00'),
  timer('check', '10:00', '11:00', '10:30'),
  // The rework's disposal ran past its deadline.
  timer('dispose', '10:30', '14:30', '15:00'),
  timer('check', '15:00', '16:00', '15:20'),
  timer('close', '15:20', '15:50', '15:30'),
];

describe('indicator facts of one case', () => {
  it('gives every party of a full loop with one rework its events and steps', () => {
    const facts = deriveFacts({ source: 'supervisor', reporterUserId: 1 }, fullLoop, fullTimers);
    expect(only(facts, 'reported')).toEqual([
      expect.objectContaining({ at: T('09:00'), actorUserId: 1, position: 'supervisor' }),
    ]);
    expect(only(facts, 'valid')).toHaveLength(1);
    expect(only(facts, 'accepted')[0]).toMatchObject({ actorUserId: 2, position: 'operator' });
    expect(only(facts, 'filed')[0]).toMatchObject({ actorUserId: 3, position: 'shift_leader' });
    expect(only(facts, 'filed_accurate')).toHaveLength(1);
    expect(only(facts, 'dispatched')[0]).toMatchObject({ actorUserId: 4, position: 'dispatcher' });
    expect(only(facts, 'dispatched_accurate')).toHaveLength(1);
    expect(only(facts, 'assigned').map((f) => f.departmentId)).toEqual([70, 71]);
    // Departmental facts come once for the case (regions, positions) and once per department.
    expect(only(facts, 'rework').map((f) => [f.departmentId, f.at])).toEqual([
      [null, T('10:30')],
      [70, T('10:30')],
      [71, T('10:30')],
    ]);
    // Closed: once for the shift leader, once per department; the disposal was late.
    expect(only(facts, 'closed').map((f) => f.departmentId ?? f.position)).toEqual([
      'shift_leader',
      70,
      71,
    ]);
    expect(only(facts, 'closed_on_time')).toEqual([]);
    expect(kinds(facts)).not.toContain('public_report');
    expect(kinds(facts)).not.toContain('missed');
  });

  it('places each step at its deadline, on time or not, with the person who ended it', () => {
    const facts = deriveFacts({ source: 'supervisor', reporterUserId: 1 }, fullLoop, fullTimers);
    expect(only(facts, 'step_accept')).toEqual([
      {
        kind: 'step_accept',
        at: T('09:10'),
        finishedAt: T('09:05'),
        onTime: true,
        actorUserId: 2,
        position: 'operator',
        departmentId: null,
        held: false,
        value: 1,
      },
    ]);
    expect(only(facts, 'step_check').map((f) => [f.actorUserId, f.onTime])).toEqual([
      [1, true],
      [1, true],
    ]);
    // Two disposals × two departments: the first on time, the rework late.
    expect(only(facts, 'step_dispose').map((f) => [f.departmentId, f.at, f.onTime])).toEqual([
      [null, T('13:20'), true],
      [70, T('13:20'), true],
      [71, T('13:20'), true],
      [null, T('14:30'), false],
      [70, T('14:30'), false],
      [71, T('14:30'), false],
    ]);
    expect(only(facts, 'step_close')[0]).toMatchObject({ actorUserId: 3, onTime: true });
  });

  it('closes the case against its last disposal deadline, late when the close says so', () => {
    const facts = deriveFacts({ source: 'supervisor', reporterUserId: 1 }, fullLoop, fullTimers);
    expect(
      only(facts, 'case_close').map((f) => [f.departmentId, f.at, f.finishedAt, f.onTime]),
    ).toEqual([
      [null, T('14:30'), T('15:30'), false],
      [70, T('14:30'), T('15:30'), false],
      [71, T('14:30'), T('15:30'), false],
    ]);
    // Still open: due, not closed.
    const open = deriveFacts(
      { source: 'supervisor', reporterUserId: 1 },
      fullLoop.slice(0, 5),
      fullTimers.slice(0, 4),
    );
    expect(only(open, 'case_close').map((f) => [f.finishedAt, f.onTime])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it('is the same however often it is computed (pure and ordered)', () => {
    const c = { source: 'supervisor' as const, reporterUserId: 1 };
    const shuffled = [...fullLoop].reverse();
    expect(deriveFacts(c, shuffled, [...fullTimers].reverse())).toEqual(
      deriveFacts(c, fullLoop, fullTimers),
    );
  });

  it('takes the overdue flag recorded when a step ended over the clock comparison', () => {
    const actions = log([
      ['create', null, 'PENDING_ACCEPT', 1, 'supervisor', '09:00'],
      ['accept', 'PENDING_ACCEPT', 'PENDING_FILE', 2, 'operator', '09:05'],
    ]);
    const late = { ...timer('accept', '09:00', '09:10', '09:05'), overdue: true };
    const facts = deriveFacts({ source: 'supervisor', reporterUserId: 1 }, actions, [late]);
    expect(only(facts, 'step_accept')[0]?.onTime).toBe(false);
  });

  it('counts an open step past its deadline as due and not yet ended', () => {
    const actions = log(
      [
        ['create', null, 'PENDING_ACCEPT', 9, 'operator', '09:00'],
        ['send_verify', 'PENDING_ACCEPT', 'PENDING_VERIFY', 2, 'operator', '09:02'],
      ],
      {},
    );
    const facts = deriveFacts({ source: 'hotline_12345', reporterUserId: 9 }, actions, [
      timer('accept', '09:00', '09:10', '09:02'),
      timer('verify', '09:02', '10:02', null),
    ]);
    expect(only(facts, 'step_verify')).toEqual([
      expect.objectContaining({
        at: T('10:02'),
        finishedAt: null,
        onTime: null,
        actorUserId: null,
      }),
    ]);
    // A hotline report: public, and not the supervisor's own report.
    expect(only(facts, 'public_report')).toHaveLength(1);
    expect(only(facts, 'reported')[0]).toMatchObject({ actorUserId: null, position: null });
    expect(only(facts, 'valid')).toEqual([]);
  });

  it('counts a public report verified true as missed by the verifying supervisor', () => {
    const actions = log([
      ['create', null, 'PENDING_ACCEPT', 9, 'operator', '09:00'],
      ['send_verify', 'PENDING_ACCEPT', 'PENDING_VERIFY', 2, 'operator', '09:02'],
      ['verify_true', 'PENDING_VERIFY', 'PENDING_FILE', 1, 'supervisor', '09:30'],
      ['file', 'PENDING_FILE', 'PENDING_DISPATCH', 3, 'shift_leader', '09:40'],
    ]);
    const facts = deriveFacts({ source: 'citizen_web', reporterUserId: null }, actions, [
      timer('verify', '09:02', '10:02', '09:30'),
    ]);
    expect(only(facts, 'missed')[0]).toMatchObject({ actorUserId: 1, position: 'supervisor' });
    expect(only(facts, 'step_verify')[0]).toMatchObject({ actorUserId: 1, onTime: true });
    expect(only(facts, 'valid')).toHaveLength(1);
  });

  it('marks a returned dispatch inaccurate and gives the new department the disposal', () => {
    const actions = log(
      [
        ['create', null, 'PENDING_ACCEPT', 1, 'supervisor', '09:00'],
        ['accept', 'PENDING_ACCEPT', 'PENDING_FILE', 2, 'operator', '09:01'],
        ['file', 'PENDING_FILE', 'PENDING_DISPATCH', 3, 'shift_leader', '09:02'],
        ['dispatch', 'PENDING_DISPATCH', 'DISPOSING', 4, 'dispatcher', '09:03'],
        ['request_return', 'DISPOSING', 'RETURN_REQUESTED', 5, 'department_handler', '09:30'],
        ['approve_return', 'RETURN_REQUESTED', 'PENDING_DISPATCH', 4, 'dispatcher', '09:40'],
        ['dispatch', 'PENDING_DISPATCH', 'DISPOSING', 4, 'dispatcher', '09:45'],
      ],
      { 4: { departmentIds: [70] }, 7: { departmentIds: [72] } },
    );
    const facts = deriveFacts({ source: 'supervisor', reporterUserId: 1 }, actions, [
      timer('dispose', '09:03', '13:03', '09:40'),
      timer('dispose', '09:45', '13:45', null),
    ]);
    expect(only(facts, 'dispatched')).toHaveLength(2);
    expect(only(facts, 'dispatched_accurate').map((f) => f.at)).toEqual([T('09:45')]);
    expect(only(facts, 'returned').map((f) => f.departmentId)).toEqual([null, 70]);
    expect(only(facts, 'assigned_accurate').map((f) => f.departmentId)).toEqual([72]);
    expect(only(facts, 'step_dispose').map((f) => [f.departmentId, f.onTime])).toEqual([
      [null, true],
      [70, true],
      [null, null],
      [72, null],
    ]);
  });

  it('flags a disposal paused by a hold, and leaves a still-paused one out (no deadline)', () => {
    const actions = log(
      [
        ['create', null, 'PENDING_ACCEPT', 1, 'supervisor', '09:00'],
        ['dispatch', 'PENDING_DISPATCH', 'DISPOSING', 4, 'dispatcher', '09:03'],
        ['request_hold', 'DISPOSING', 'HOLD_REQUESTED', 5, 'department_handler', '09:10'],
        ['approve_hold', 'HOLD_REQUESTED', 'ON_HOLD', 4, 'dispatcher', '09:20'],
        ['resume', 'ON_HOLD', 'DISPOSING', 4, 'dispatcher', '11:00'],
      ],
      { 2: { departmentIds: [70] } },
    );
    const resumed = deriveFacts({ source: 'supervisor', reporterUserId: 1 }, actions, [
      timer('dispose', '09:03', '14:43', null),
    ]);
    expect(only(resumed, 'held').map((f) => f.departmentId)).toEqual([null, 70]);
    expect(only(resumed, 'step_dispose')[0]).toMatchObject({ held: true, at: T('14:43') });
    const paused = deriveFacts({ source: 'supervisor', reporterUserId: 1 }, actions.slice(0, 4), [
      timer('dispose', '09:03', null, null, 'paused'),
    ]);
    expect(only(paused, 'step_dispose')).toEqual([]);
  });

  it('scores return visits for the case and each department that handled it', () => {
    const facts = deriveFacts(
      {
        source: 'hotline_12345',
        reporterUserId: null,
        returnVisits: [
          { at: T('17:00'), score: 80 },
          { at: T('16:00'), score: -100 },
        ],
      },
      fullLoop,
      fullTimers,
    );
    expect(only(facts, 'return_visit').map((f) => [f.at, f.departmentId, f.value])).toEqual([
      [T('16:00'), null, -100],
      [T('16:00'), 70, -100],
      [T('16:00'), 71, -100],
      [T('17:00'), null, 80],
      [T('17:00'), 70, 80],
      [T('17:00'), 71, 80],
    ]);
  });

  it('counts a draft as reported when it is sent, and voids with their own fact', () => {
    const actions = log([
      ['create', null, 'DRAFT', 1, 'supervisor', '08:50'],
      ['report', 'DRAFT', 'PENDING_ACCEPT', 1, 'supervisor', '09:00'],
      ['reject', 'PENDING_ACCEPT', 'VOID', 2, 'operator', '09:05'],
    ]);
    const facts = deriveFacts({ source: 'supervisor', reporterUserId: 1 }, actions, []);
    expect(only(facts, 'reported').map((f) => f.at)).toEqual([T('09:00')]);
    expect(only(facts, 'valid')).toEqual([]);
    expect(only(facts, 'voided')).toHaveLength(1);
    expect(only(facts, 'accepted')).toHaveLength(1);
  });
});
