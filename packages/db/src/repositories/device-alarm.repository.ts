import { sql, type Insertable, type Selectable } from 'kysely';
import type { DeviceAlarmsTable } from '../schema/database';
import type { Executor } from './executor';

export type DeviceAlarmRow = Selectable<DeviceAlarmsTable>;

export const deviceAlarmRepository = {
  async insert(db: Executor, row: Insertable<DeviceAlarmsTable>): Promise<DeviceAlarmRow> {
    return db.insertInto('device_alarms').values(row).returningAll().executeTakeFirstOrThrow();
  },

  /** Serialises alarm handling per device until the transaction ends. */
  async lockDevice(db: Executor, deviceId: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtext(${`device:${deviceId}`}))`.execute(db);
  },

  async findByRef(
    db: Executor,
    deviceId: string,
    alarmRef: string,
  ): Promise<DeviceAlarmRow | undefined> {
    return db
      .selectFrom('device_alarms')
      .selectAll()
      .where('device_id', '=', deviceId)
      .where('alarm_ref', '=', alarmRef)
      .executeTakeFirst();
  },

  /** The device's latest case of this class that is still being handled (not closed or void). */
  async openCaseOfDevice(
    db: Executor,
    deviceId: string,
    classId: number | null,
  ): Promise<number | undefined> {
    const row = await db
      .selectFrom('device_alarms as a')
      .innerJoin('cases as c', 'c.id', 'a.case_id')
      .select('c.id')
      .where('a.device_id', '=', deviceId)
      .where(sql<boolean>`a.class_id is not distinct from ${classId}`)
      .where('c.state', 'not in', ['CLOSED', 'VOID'])
      .orderBy('a.id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  },

  async countForCase(db: Executor, caseId: number): Promise<number> {
    const { n } = await db
      .selectFrom('device_alarms')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    return Number(n);
  },
};
