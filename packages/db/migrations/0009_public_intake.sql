-- Public intake (Open311 and the citizen page): a tracking code per public report, the intake
-- details that are not case columns, address points for the geocoder, and citizens' ratings.

-- The code a reporter follows their case with (also the Open311 token). Unguessable, unique.
alter table cases add column tracking_code text unique check (tracking_code ~ '^[A-Z0-9]{10,16}$');
-- Channel details: Open311 attributes and client ids, media URLs, device alarm data. Private
-- fields (e-mail, account ids) are kept here and never published.
alter table cases add column intake jsonb not null default '{}'::jsonb;

-- Address points (门牌/地址点) for locating address-only reports.
create table address_points (
  id text primary key check (id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
  address text not null check (length(address) between 2 and 200),
  lng double precision not null check (lng between -180 and 180),
  lat double precision not null check (lat between -90 and 90),
  grid_code text references unit_grids (code),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index address_points_address_idx on address_points (address);

-- The reporter's rating of the result, once per case, after closure.
create table case_ratings (
  case_id bigint primary key references cases (id),
  channel text not null check (channel in ('citizen_web', 'open311', 'hotline_return_visit')),
  satisfaction text not null check (satisfaction in (
    'very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'
  )),
  score integer not null check (score in (100, 80, 50, 0, -100)),
  comment text check (length(comment) <= 500),
  rated_at timestamptz not null
);

-- Open311 allows descriptions of up to 4,000 characters.
alter table cases drop constraint cases_description_check;
alter table cases add constraint cases_description_check check (length(description) between 1 and 4000);
