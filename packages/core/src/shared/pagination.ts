export type Page = { page: number; pageSize: number };
export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

export const toLimitOffset = (page: Page) => ({
  limit: page.pageSize,
  offset: (page.page - 1) * page.pageSize,
});
