import type { ColumnType, Generated } from 'kysely';
import type { Json, StoredGeometry, Timestamp, TimestampDefault } from './column-types';

/** Tables of the case engine (migrations 0002–0006). */
export type CasesTable = {
  id: Generated<number>;
  case_number: string;
  state: string;
  version: ColumnType<number, number | undefined, number>;
  source: string;
  source_ref: string | null;
  level: 'street' | 'district' | 'city';
  class_id: number | null;
  condition_code: string | null;
  urgency: 'normal' | 'urgent' | null;
  description: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  grid_code: string | null;
  community_code: string | null;
  street_code: string | null;
  district_code: string | null;
  component_id: string | null;
  reporter_user_id: number | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  parent_case_id: number | null;
  department_ids: ColumnType<number[], number[] | undefined, number[]>;
  dispatched_at: Timestamp | null;
  signed_at: Timestamp | null;
  pending_request: ColumnType<
    Record<string, unknown> | null,
    string | null | undefined,
    string | null
  >;
  check_task_sent: ColumnType<boolean, boolean | undefined, boolean>;
  rework_count: ColumnType<number, number | undefined, number>;
  wrong_dispatch_count: ColumnType<number, number | undefined, number>;
  closure_type: string | null;
  void_type: string | null;
  key_supervision: ColumnType<boolean, boolean | undefined, boolean>;
  limit_factor: ColumnType<number, number | undefined, number>;
  key_reasons: ColumnType<string[], string[] | undefined, string[]>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  tracking_code: string | null;
  intake: ColumnType<Record<string, unknown>, string | undefined, string>;
};

export type CaseNumberCountersTable = { district_code: string; day: string; last_value: number };

export type CaseActionsTable = {
  id: Generated<number>;
  case_id: number;
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_user_id: number | null;
  actor_roles: string[];
  opinion: string | null;
  detail: Json<Record<string, unknown>>;
  at: Timestamp;
  prev_hash: string;
  hash: string;
};

/** Bigrams of a case's description and address for search, kept by a trigger (0018). */
export type CaseSearchTable = {
  case_id: number;
  bigrams: string[];
};

export type CaseTimersTable = {
  id: Generated<number>;
  case_id: number;
  step: string;
  status: 'running' | 'paused' | 'done' | 'cancelled';
  started_at: Timestamp;
  unit: 'working_hour' | 'working_day' | 'natural_hour' | 'natural_day' | 'minute';
  limit_minutes: number;
  used_before_minutes: ColumnType<number, number | undefined, number>;
  running_since: Timestamp | null;
  due_at: Timestamp | null;
  warn_at: Timestamp | null;
  scheme_code: string | null;
  yellow_at: Timestamp | null;
  red_at: Timestamp | null;
  finished_at: Timestamp | null;
  overdue: boolean | null;
  /** The deadline a finished step had when it ended (due_at is cleared then). */
  deadline_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When the sweep issued this timer's automatic 警示单 (warning). */
  warned_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Not worth a look for the warning before this (it cannot have earned it yet). */
  warning_check_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
};

export type OutboxEventsTable = {
  id: Generated<number>;
  case_id: number | null;
  type: string;
  payload: Json<Record<string, unknown>>;
  created_at: Timestamp;
  published_at: Timestamp | null;
};

export type IdempotencyKeysTable = {
  actor_key: string;
  key: string;
  request_hash: string;
  status: number | null;
  response: ColumnType<unknown, string | null, string | null>;
  created_at: Timestamp;
};

export type StepLimitsTable = {
  step: string;
  urgency: 'normal' | 'urgent';
  limit_value: number;
  limit_unit: 'working_hour' | 'working_day' | 'natural_hour' | 'natural_day' | 'minute';
};

export type SupervisionSlipsTable = {
  id: Generated<number>;
  case_id: number;
  kind: 'reminder' | 'supervision' | 'warning';
  origin: 'auto' | 'manual';
  timer_id: number | null;
  department_ids: number[];
  reason: string;
  issued_by: number | null;
  issued_at: Timestamp;
  reply: string | null;
  replied_by: number | null;
  replied_at: Timestamp | null;
};

export type SupervisionRulesTable = {
  kind: 'reminder' | 'supervision' | 'warning';
  enabled: boolean;
  steps: string[];
  overtime_share: number;
};

export type RoutingRulesTable = {
  id: Generated<number>;
  class_id: number | null;
  region_code: string;
  department_id: number;
  note: string | null;
  created_at: TimestampDefault;
};

export type CasePhotosTable = {
  id: Generated<number>;
  case_id: number;
  kind: 'before' | 'after';
  sha256: string;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  size_bytes: number;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
};

export type KeyAreasTable = {
  id: Generated<number>;
  name: string;
  geometry: Json<StoredGeometry>;
  min_lng: number;
  min_lat: number;
  max_lng: number;
  max_lat: number;
  factor: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: TimestampDefault;
};

export type KeyPeriodsTable = {
  id: Generated<number>;
  name: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  factor: number;
  created_at: TimestampDefault;
};

export type LimitFactorsTable = { key: string; factor: number };

export type WebhookSubscriptionsTable = {
  id: Generated<number>;
  name: string;
  url: string;
  secret: string;
  event_types: string[];
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
};

export type WebhookDeliveriesTable = {
  id: Generated<number>;
  subscription_id: number;
  event_id: number;
  status: 'pending' | 'delivered' | 'failed';
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
  created_at: Timestamp;
};

/** Public intake (migration 0009). */
export type AddressPointsTable = {
  id: string;
  address: string;
  lng: number;
  lat: number;
  grid_code: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type CaseRatingsTable = {
  case_id: number;
  channel: 'citizen_web' | 'open311' | 'hotline_return_visit';
  satisfaction: string;
  score: number;
  comment: string | null;
  rated_at: Timestamp;
};

/** Hotline work orders (migration 0010). */
export type HotlineOrdersTable = {
  id: Generated<number>;
  channel: '12345' | '12319';
  order_number: string;
  appeal_type: 'consultation' | 'help' | 'complaint' | 'report' | 'suggestion';
  caller_name: string | null;
  caller_phone: string | null;
  content: string;
  address: string | null;
  lng: number | null;
  lat: number | null;
  located_by: 'coordinates' | 'address_point' | 'community' | 'street' | 'operator' | null;
  received_at: Timestamp;
  due_at: Timestamp | null;
  case_id: number | null;
  linked_as: 'new_case' | 'existing_case' | null;
  pushed_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type HotlineReturnVisitsTable = {
  id: Generated<number>;
  order_id: number;
  case_id: number;
  satisfaction: string;
  score: number;
  comment: string | null;
  visited_at: Timestamp;
  reopened: boolean;
  recorded_by: number | null;
  created_at: Timestamp;
};

/** Camera and sensor alarms (migration 0011). */
export type DeviceAlarmsTable = {
  id: Generated<number>;
  device_id: string;
  device_type: 'video' | 'sensor';
  alarm_ref: string | null;
  class_id: number | null;
  lng: number;
  lat: number;
  occurred_at: Timestamp;
  snapshot_url: string | null;
  description: string | null;
  case_id: number;
  duplicate: boolean;
  received_at: Timestamp;
};

/** Attendance and patrol tracks (migration 0012). */
export type PatrolShiftsTable = {
  id: Generated<number>;
  user_id: number;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  start_lng: number | null;
  start_lat: number | null;
};

export type PatrolPointsTable = {
  id: Generated<number>;
  user_id: number;
  shift_id: number | null;
  at: Timestamp;
  lng: number;
  lat: number;
  accuracy_m: number | null;
  grid_code: string | null;
};

export type EvaluationFactsTable = {
  id: Generated<number>;
  case_id: number;
  kind: string;
  at: Timestamp;
  finished_at: Timestamp | null;
  on_time: boolean | null;
  actor_user_id: number | null;
  position: string | null;
  department_id: number | null;
  held: ColumnType<boolean, boolean | undefined, boolean>;
  value: ColumnType<number, number | undefined, number>;
  source: string;
  class_id: number | null;
  grid_code: string | null;
  community_code: string | null;
  street_code: string | null;
  district_code: string | null;
};

/** Monthly sums of indicator facts, and the deltas not yet folded in (migration 0023). */
export type EvaluationMonthSumsTable = {
  month: ColumnType<Date, string, string>;
  scope: 'region' | 'department' | 'actor';
  grid_code: string;
  community_code: string;
  street_code: string;
  district_code: string;
  department_id: number;
  actor_user_id: number;
  position: string;
  kind: string;
  held: boolean;
  finished_month: ColumnType<Date, string, string>;
  n: number;
  value: number;
  on_time: number;
};

export type EvaluationSchemesTable = {
  id: number;
  scheme: Json<Record<string, unknown>>;
  updated_at: Timestamp;
  updated_by: number | null;
};

export type EvaluationPublicationsTable = {
  id: Generated<number>;
  period: string;
  kind: 'month' | 'quarter' | 'year' | 'custom';
  period_from: Timestamp;
  period_to: Timestamp;
  region_code: string | null;
  snapshot: Json<Record<string, unknown>>;
  published_at: Timestamp;
  published_by: number | null;
};
