import type { Selectable } from 'kysely';
import type { CasePhotosTable } from '../schema/database';
import type { Executor } from './executor';

export type CasePhotoRow = Selectable<CasePhotosTable>;

export const casePhotoRepository = {
  /** Links a stored photo to a case; the same photo twice for the same case and kind is one row. */
  async insert(
    db: Executor,
    photo: {
      caseId: number;
      kind: 'before' | 'after';
      sha256: string;
      mime: CasePhotoRow['mime'];
      sizeBytes: number;
      uploadedBy: number | null;
      at: Date;
    },
  ): Promise<void> {
    await db
      .insertInto('case_photos')
      .values({
        case_id: photo.caseId,
        kind: photo.kind,
        sha256: photo.sha256,
        mime: photo.mime,
        size_bytes: photo.sizeBytes,
        uploaded_by: photo.uploadedBy,
        uploaded_at: photo.at,
      })
      .onConflict((oc) => oc.columns(['case_id', 'sha256', 'kind']).doNothing())
      .execute();
  },

  async forCase(db: Executor, caseId: number): Promise<CasePhotoRow[]> {
    return db
      .selectFrom('case_photos')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
  },

  async bySha(db: Executor, sha256: string): Promise<CasePhotoRow[]> {
    return db.selectFrom('case_photos').selectAll().where('sha256', '=', sha256).execute();
  },

  /** Photos of each kind uploaded since a moment (e.g. since the current disposal started). */
  async countSince(
    db: Executor,
    caseId: number,
    since: Date,
  ): Promise<{ before: number; after: number }> {
    const rows = await db
      .selectFrom('case_photos')
      .select(['kind'])
      .where('case_id', '=', caseId)
      .where('uploaded_at', '>=', since)
      .execute();
    return {
      before: rows.filter((r) => r.kind === 'before').length,
      after: rows.filter((r) => r.kind === 'after').length,
    };
  },
};
