import { publicCaseRepository, type CaseClassRow, type PublicCaseRow } from '@xiuhua/db';
import {
  o311Status,
  PUBLIC_NOTES,
  statusNotes,
  type CaseState,
  type ClosureType,
  type LocalizedText,
  type PublicNoteType,
  type VoidType,
} from '@xiuhua/domain';
import type { AppContext } from '../context';
import { gridIndex } from '../grids/grid-locator.cache';
import { serviceCodeOf } from './open311-services';

export type PublicTimelineEntry = {
  id: number;
  at: Date;
  type: PublicNoteType;
  summary: LocalizedText;
  state: CaseState;
};

/** A case as anyone may see it: no staff names, no reporter data, no internal opinions. */
export type PublicRequest = {
  caseId: number;
  caseNumber: string;
  state: CaseState;
  status: 'open' | 'closed';
  statusNotes: LocalizedText | null;
  serviceCode: string | null;
  serviceName: string | null;
  /** Hotline content can carry callers' personal details: it is never published. */
  description: string | null;
  agencies: string[];
  requestedAt: Date;
  updatedAt: Date;
  expectedAt: Date | null;
  address: string | null;
  addressId: string | null;
  lng: number | null;
  lat: number | null;
  mediaUrl: string | null;
  gridCode: string | null;
  streetName: string | null;
  communityName: string | null;
  channel: string;
  duplicate: boolean;
  parentCaseNumber: string | null;
  notes: PublicTimelineEntry[];
};

const PRIVATE_SOURCES = new Set(['hotline_12345', 'hotline_12319']);
export const PUBLIC_ACTIONS = Object.keys(PUBLIC_NOTES);

function stringField(intake: Record<string, unknown>, key: string): string | null {
  const value = intake[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Builds the public view of case rows, with batch lookups (no query per case). */
export async function toPublicRequests(
  ctx: AppContext,
  rows: readonly PublicCaseRow[],
  options: { withNotes: boolean },
): Promise<PublicRequest[]> {
  const db = ctx.db.kysely;
  const ids = rows.map((r) => r.id);
  const deadlines = await publicCaseRepository.disposeDeadlines(db, ids);
  const agencies = await publicCaseRepository.organisationNames(db, [
    ...new Set(rows.flatMap((r) => r.department_ids)),
  ]);
  const parents = await publicCaseRepository.caseNumbers(db, [
    ...new Set(rows.flatMap((r) => (r.parent_case_id ? [r.parent_case_id] : []))),
  ]);
  const { names } = await gridIndex(ctx);
  const notes = new Map<number, PublicTimelineEntry[]>();
  if (options.withNotes) {
    for (const action of await publicCaseRepository.actionsOf(db, ids, PUBLIC_ACTIONS)) {
      const note = PUBLIC_NOTES[action.action];
      if (!note) continue;
      const list = notes.get(action.case_id) ?? [];
      list.push({
        id: action.id,
        at: action.at,
        type: note.type,
        summary: note.summary,
        state: action.to_state as CaseState,
      });
      notes.set(action.case_id, list);
    }
  }
  return rows.map((row) => {
    const state = row.state as CaseState;
    const intake = row.intake;
    return {
      caseId: row.id,
      caseNumber: row.case_number,
      state,
      status: o311Status(state),
      statusNotes: statusNotes(
        state,
        row.closure_type as ClosureType | null,
        row.void_type as VoidType | null,
      ),
      serviceCode:
        row.class_code && row.class_kind && row.class_standard
          ? serviceCodeOf({
              code: row.class_code,
              kind: row.class_kind as 'component' | 'matter' | 'event',
              standard: row.class_standard as CaseClassRow['standard'],
            })
          : null,
      serviceName: row.class_name,
      description: PRIVATE_SOURCES.has(row.source) ? null : row.description,
      agencies: row.department_ids.flatMap((id) => agencies.get(id) ?? []),
      requestedAt: row.created_at,
      updatedAt: row.updated_at,
      expectedAt: deadlines.get(row.id) ?? null,
      address: PRIVATE_SOURCES.has(row.source) ? null : row.address,
      addressId: stringField(intake, 'addressId'),
      lng: row.lng,
      lat: row.lat,
      mediaUrl: stringField(intake, 'mediaUrl'),
      gridCode: row.grid_code,
      streetName: row.street_code ? (names.get(row.street_code) ?? null) : null,
      communityName: row.community_code ? (names.get(row.community_code) ?? null) : null,
      channel: row.source,
      duplicate: row.void_type === 'merged',
      parentCaseNumber: row.parent_case_id ? (parents.get(row.parent_case_id) ?? null) : null,
      notes: notes.get(row.id) ?? [],
    };
  });
}
