import {
  catalogueRepository,
  caseRepository,
  deviceAlarmRepository,
  type DeviceAlarmRow,
} from '@xiuhua/db';
import { invalidInput, requireAnyRole, type Actor } from '@xiuhua/domain';
import { createCase, gridAt } from '../cases/create-case.command';
import { inTransaction, type AppContext } from '../context';
import { parseServiceCode } from '../open311/open311-services';

export type DeviceAlarmInput = {
  deviceId: string;
  deviceType: 'video' | 'sensor';
  alarmId?: string | null;
  /** A class as an Open311 service code (C01001, M03005, LM90001 …). */
  classCode?: string | null;
  lng: number;
  lat: number;
  occurredAt: Date;
  snapshotUrl?: string | null;
  description?: string | null;
};

export type DeviceAlarmResult = {
  alarm: DeviceAlarmRow;
  caseId: number;
  caseNumber: string;
  /** true: a repeat of a problem this device already reported and that is still open. */
  duplicate: boolean;
  /** true: this very alarm id was received before; nothing was written. */
  replayed: boolean;
};

class RepeatOfOpenCase extends Error {
  constructor(readonly caseId: number) {
    super('repeat of an open case');
  }
}

async function resolveClass(ctx: AppContext, code: string | null | undefined) {
  if (!code) return null;
  const parsed = parseServiceCode(code);
  const rows = parsed ? await catalogueRepository.findByCode(ctx.db.kysely, parsed) : [];
  const row = rows.find((r) => r.active);
  if (!row)
    throw invalidInput('classCode', { zh: `未知类别 ${code}`, en: `unknown class ${code}` });
  return row;
}

/**
 * An alarm from a camera or sensor. The first alarm of a problem opens a case (source video or
 * sensor; the operator has it verified before accepting); further alarms from the same device and
 * class while that case is still being handled are recorded against it instead of opening
 * another. The same alarm id twice is answered from the first time.
 */
export async function receiveDeviceAlarm(
  ctx: AppContext,
  actor: Actor,
  input: DeviceAlarmInput,
): Promise<DeviceAlarmResult> {
  requireAnyRole(actor, ['operator', 'admin']);
  const db = ctx.db.kysely;
  const now = ctx.clock.now();
  if (input.occurredAt.getTime() > now.getTime() + 10 * 60_000)
    throw invalidInput('occurredAt', { zh: '告警时间在未来', en: 'is in the future' });
  await gridAt(ctx, input.lng, input.lat);
  const answer = async (alarm: DeviceAlarmRow, replayed: boolean): Promise<DeviceAlarmResult> => {
    const row = await caseRepository.findById(db, alarm.case_id);
    return {
      alarm,
      caseId: alarm.case_id,
      caseNumber: row?.case_number ?? '',
      duplicate: alarm.duplicate,
      replayed,
    };
  };
  if (input.alarmId) {
    const earlier = await deviceAlarmRepository.findByRef(db, input.deviceId, input.alarmId);
    if (earlier) return answer(earlier, true);
  }
  const cls = await resolveClass(ctx, input.classCode);
  const classId = cls?.id ?? null;
  const alarmRow = (caseId: number, duplicate: boolean) => ({
    device_id: input.deviceId,
    device_type: input.deviceType,
    alarm_ref: input.alarmId ?? null,
    class_id: classId,
    lng: input.lng,
    lat: input.lat,
    occurred_at: input.occurredAt,
    snapshot_url: input.snapshotUrl ?? null,
    description: input.description ?? null,
    case_id: caseId,
    duplicate,
    received_at: now,
  });
  const recordRepeat = () =>
    inTransaction(ctx, async (trx) => {
      await deviceAlarmRepository.lockDevice(trx, input.deviceId);
      const open = await deviceAlarmRepository.openCaseOfDevice(trx, input.deviceId, classId);
      return open === undefined
        ? undefined
        : deviceAlarmRepository.insert(trx, alarmRow(open, true));
    });
  if ((await deviceAlarmRepository.openCaseOfDevice(db, input.deviceId, classId)) !== undefined) {
    const repeat = await recordRepeat();
    if (repeat) return answer(repeat, false);
  }
  const kind = input.deviceType === 'video' ? '视频' : '传感器';
  let alarm: DeviceAlarmRow | undefined;
  try {
    await createCase(
      ctx,
      actor,
      {
        source: input.deviceType,
        description:
          input.description ?? `${kind}告警：${cls?.name ?? '未分类'}（设备 ${input.deviceId}）`,
        lng: input.lng,
        lat: input.lat,
        classId,
        sourceRef: input.alarmId ?? input.deviceId,
        intake: {
          deviceId: input.deviceId,
          deviceType: input.deviceType,
          alarmId: input.alarmId ?? null,
          occurredAt: input.occurredAt.toISOString(),
          ...(input.snapshotUrl ? { mediaUrl: input.snapshotUrl } : {}),
        },
      },
      {
        within: async (trx, row) => {
          // Two alarms racing: the second waits here, then finds the first one's case.
          await deviceAlarmRepository.lockDevice(trx, input.deviceId);
          const open = await deviceAlarmRepository.openCaseOfDevice(trx, input.deviceId, classId);
          if (open !== undefined) throw new RepeatOfOpenCase(open);
          alarm = await deviceAlarmRepository.insert(trx, alarmRow(row.id, false));
        },
      },
    );
  } catch (error) {
    if (!(error instanceof RepeatOfOpenCase)) throw error;
    const repeat = await recordRepeat();
    if (!repeat) throw error;
    return answer(repeat, false);
  }
  if (!alarm) throw new Error('alarm not written with its case');
  return answer(alarm, false);
}
