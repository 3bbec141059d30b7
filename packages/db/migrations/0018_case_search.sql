-- Case search (案件检索) by words of the description or the address. Chinese has no spaces
-- between words, so the index holds every pair of adjacent characters (bigrams) of the two
-- fields, lower-cased; a search for "井盖破损" first takes the cases holding all of its pairs from
-- the index, then checks the words themselves. Pairs of digits and separators only are left out
-- (too common to narrow anything); case numbers are found by their own unique index.
create function case_search_bigrams(t text) returns text[]
  language sql immutable parallel safe as $$
    select coalesce(array_agg(distinct b), '{}')
    from (select substr(lower(t), i, 2) as b from generate_series(1, length(t) - 1) as i) pairs
    where b !~ '^[0-9 ./:,-]*$'
  $$;

create table case_search (
  case_id bigint primary key references cases (id) on delete cascade,
  bigrams text[] not null
);
create index case_search_bigrams_idx on case_search using gin (bigrams);

create function case_search_refresh() returns trigger language plpgsql as $$
begin
  insert into case_search (case_id, bigrams)
  values (new.id, case_search_bigrams(new.description || ' ' || coalesce(new.address, '')))
  on conflict (case_id) do update set bigrams = excluded.bigrams;
  return null;
end;
$$;
create trigger cases_search_refresh after insert or update of description, address on cases
  for each row execute function case_search_refresh();

insert into case_search (case_id, bigrams)
  select id, case_search_bigrams(description || ' ' || coalesce(address, '')) from cases;
