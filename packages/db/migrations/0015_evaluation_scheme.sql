-- The evaluation scheme (评价方案: weights, rates, count-score tables, grades, rules) as data,
-- one row; without a row the built-in default (DOMAIN.md §6) applies.
create table evaluation_schemes (
  id integer primary key check (id = 1),
  scheme jsonb not null,
  updated_at timestamptz not null,
  updated_by integer references users (id)
);
