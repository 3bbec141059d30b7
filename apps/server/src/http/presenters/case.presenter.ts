import type { CaseActionRow, CaseRow, CaseView } from '@xiuhua/core';

export const presentCase = (
  row: CaseRow & { light?: string | null; dueAt?: Date | null },
  options: { showReporter: boolean },
) => ({
  id: row.id,
  caseNumber: row.case_number,
  state: row.state,
  version: row.version,
  source: row.source,
  level: row.level,
  classId: row.class_id,
  conditionCode: row.condition_code,
  urgency: row.urgency,
  description: row.description,
  address: row.address,
  lng: row.lng,
  lat: row.lat,
  gridCode: row.grid_code,
  communityCode: row.community_code,
  streetCode: row.street_code,
  componentId: row.component_id,
  // Citizens' identity is never shown to departments.
  ...(options.showReporter
    ? { reporterName: row.reporter_name, reporterPhone: row.reporter_phone }
    : {}),
  departmentIds: row.department_ids,
  parentCaseId: row.parent_case_id,
  keySupervision: row.key_supervision,
  limitFactor: row.limit_factor,
  keyReasons: row.key_reasons,
  reworkCount: row.rework_count,
  pendingRequest: row.pending_request,
  closureType: row.closure_type,
  voidType: row.void_type,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  closedAt: row.closed_at?.toISOString() ?? null,
  ...(row.light !== undefined ? { light: row.light } : {}),
  ...(row.dueAt !== undefined ? { dueAt: row.dueAt?.toISOString() ?? null } : {}),
});

export const presentCaseView = (view: CaseView) => ({
  ...presentCase(view.case, { showReporter: view.showReporter }),
  allowedActions: view.allowedActions,
  timers: view.timers.map((t) => ({
    ...t,
    startedAt: t.startedAt.toISOString(),
    dueAt: t.dueAt?.toISOString() ?? null,
  })),
});

export const presentLogEntry = (row: CaseActionRow) => ({
  seq: row.seq,
  action: row.action,
  fromState: row.from_state,
  toState: row.to_state,
  actorUserId: row.actor_user_id,
  actorRoles: row.actor_roles,
  opinion: row.opinion,
  detail: row.detail,
  at: row.at.toISOString(),
  hash: row.hash,
});
