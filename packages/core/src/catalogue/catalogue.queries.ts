import { catalogueRepository, type ClassListFilter } from '@xiuhua/db';
import { notFound } from '@xiuhua/domain';
import type { AppContext } from '../context';

/** Classes with their rules; everyone signed in may read the catalogue. */
export async function listClasses(ctx: AppContext, filter: ClassListFilter) {
  const db = ctx.db.kysely;
  const classes = await catalogueRepository.list(db, filter);
  const rules = await catalogueRepository.rules(
    db,
    classes.map((c) => c.id),
  );
  const byClass = new Map<number, typeof rules>();
  for (const rule of rules)
    byClass.set(rule.class_id, [...(byClass.get(rule.class_id) ?? []), rule]);
  return classes.map((c) => ({ ...c, rules: byClass.get(c.id) ?? [] }));
}

export async function getClass(ctx: AppContext, id: number) {
  const db = ctx.db.kysely;
  const row = await catalogueRepository.findById(db, id);
  if (!row) throw notFound({ zh: '部件事件类别', en: 'Class' }, String(id));
  return { ...row, rules: await catalogueRepository.rules(db, [id]) };
}

export async function listClassMappings(ctx: AppContext) {
  return catalogueRepository.mappings(ctx.db.kysely);
}
