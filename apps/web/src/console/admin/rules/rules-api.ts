import { ElMessageBox } from 'element-plus';
import { api } from '../../../shared/api';

/** Shapes of the rules-area APIs (see packages/contract) and the helpers its pages share. */

export const LIMIT_UNITS = [
  'working_hour',
  'working_day',
  'natural_hour',
  'natural_day',
  'minute',
] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];
export const URGENCIES = ['normal', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

export type StandardName = 'GB/T 47678.5-2026' | 'CJ/T 214-2007' | 'local';
/** Message key of each standard (the names themselves hold dots and slashes). */
export const STANDARD_KEY: Record<StandardName, 'gbt2026' | 'legacy' | 'local'> = {
  'GB/T 47678.5-2026': 'gbt2026',
  'CJ/T 214-2007': 'legacy',
  local: 'local',
};
export type ClassKind = 'component' | 'matter' | 'event';

export type ClassRule = {
  conditionCode: string;
  urgency: Urgency;
  filingCondition: string;
  closingCondition: string;
  limitValue: number;
  limitUnit: LimitUnit;
  departmentId: number | null;
};
export type CaseClass = {
  id: number;
  standard: StandardName;
  kind: ClassKind;
  bigCode: string;
  bigName: string;
  code: string;
  name: string;
  keySupervision: boolean;
  defaultDepartmentId: number | null;
  active: boolean;
  rules: ClassRule[];
};
export type ClassRef = { id: number; code: string; kind: string; name: string };
export type ClassMapping = { legacy: ClassRef; current: ClassRef; note: string | null };
export type Department = { id: number; code: string; name: string; active: boolean };
export type Division = {
  code: string;
  level: 'district' | 'street' | 'community';
  name: string;
  parentCode: string | null;
  areaClass: string | null;
  outline?: unknown;
};

export type SchemeVersion = {
  validFrom: string;
  periods: { start: string; end: string }[];
  workingWeekdays: number[];
};
export type TimingScheme = {
  code: string;
  name: string;
  utcOffsetMinutes: number;
  isDefault: boolean;
  versions: SchemeVersion[];
};
export type CalendarDay = {
  day: string;
  isWorking: boolean;
  override: boolean;
  note: string | null;
};

export type KeyPeriod = {
  id: number;
  name: string;
  factor: number;
  startsAt: string;
  endsAt: string;
};
export type AreaGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };
export type KeyArea = {
  id: number;
  name: string;
  factor: number;
  active: boolean;
  geometry: AreaGeometry;
};

/** [west, south, east, north] of a polygon or multipolygon. */
export function bboxOf(geometry: AreaGeometry): [number, number, number, number] {
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  const points = rings.flat();
  const lngs = points.map((p) => p[0] ?? 0);
  const lats = points.map((p) => p[1] ?? 0);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}

export const loadClasses = async () =>
  (await api<{ items: CaseClass[] }>('GET', '/api/classes')).items;
export const loadDepartments = async () =>
  (await api<{ items: Department[] }>('GET', '/api/organisations?kind=department')).items;
export const loadDivisions = async () =>
  (await api<{ items: Division[] }>('GET', '/api/divisions')).items;

/** Searches a class list by code or name (case-insensitive), at most `limit` hits. */
export function searchClasses(classes: CaseClass[], query: string, limit = 50): CaseClass[] {
  const q = query.trim().toLowerCase();
  const hits = q
    ? classes.filter((c) => c.code.startsWith(q) || c.name.toLowerCase().includes(q))
    : classes;
  return hits.slice(0, limit);
}

/** Asks before a destructive change; resolves true when the user confirmed. */
export async function confirmDanger(
  message: string,
  texts: { title: string; confirm: string; cancel: string },
): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, texts.title, {
      type: 'warning',
      confirmButtonText: texts.confirm,
      cancelButtonText: texts.cancel,
      confirmButtonClass: 'confirm-danger',
      autofocus: true,
    });
    return true;
  } catch {
    return false;
  }
}

/** China Standard Time, the platform's civil time (fixed +08:00, no daylight saving). */
const CST_OFFSET_MINUTES = 480;

/** "2026-12-09T09:00" read as civil time at the given UTC offset → ISO instant. */
export function civilToIso(value: string, offsetMinutes = CST_OFFSET_MINUTES): string {
  const [date = '', time = '00:00'] = value.split('T');
  const ms = Date.parse(`${date}T${time.slice(0, 5)}:00Z`);
  return new Date(ms - offsetMinutes * 60_000).toISOString();
}

/** An instant → "YYYY-MM-DDTHH:MM" civil time at the given UTC offset (for datetime-local inputs). */
export function isoToCivil(iso: string, offsetMinutes = CST_OFFSET_MINUTES): string {
  return new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString().slice(0, 16);
}

/** An instant shown as "YYYY-MM-DD HH:MM" civil time with its weekday. */
export function formatCivil(
  iso: string,
  locale: string,
  offsetMinutes = CST_OFFSET_MINUTES,
): string {
  const civil = new Date(Date.parse(iso) + offsetMinutes * 60_000);
  const weekday = civil.toLocaleDateString(locale === 'en' ? 'en' : 'zh-CN', {
    weekday: 'short',
    timeZone: 'UTC',
  });
  return `${civil.toISOString().slice(0, 16).replace('T', ' ')} ${weekday}`;
}
