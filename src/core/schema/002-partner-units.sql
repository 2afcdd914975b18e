-- Jinlin schema migration: 2, partner units with linked estates, part-time committee members, joint projects and prominent problems
-- Applied inside one transaction by jl-store-migrate.c; never edit a released
-- migration, add a new one.

CREATE TABLE partner_unit (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  name TEXT,
  uscc TEXT,
  category TEXT,
  unit_type TEXT,
  party_org_name TEXT,
  party_members INTEGER,
  staff INTEGER,
  address TEXT,
  chief TEXT,
  chief_mobile TEXT,
  liaison TEXT,
  liaison_phone TEXT,
  agreement_signed_on TEXT,
  agreement_term_end TEXT,
  resources TEXT,
  demands TEXT,
  status TEXT,
  note TEXT
);
CREATE INDEX partner_unit_community ON partner_unit (community_id, deleted);

CREATE TABLE unit_estate_link (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  unit_id TEXT,
  estate_id TEXT,
  since TEXT,
  until TEXT,
  is_primary INTEGER
);
CREATE INDEX unit_estate_link_community ON unit_estate_link (community_id, deleted);
CREATE INDEX unit_estate_link_unit_id ON unit_estate_link (unit_id);

CREATE TABLE part_time_member (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  unit_id TEXT,
  person_id TEXT,
  name TEXT,
  post TEXT,
  unit_post TEXT,
  rank TEXT,
  term_start TEXT,
  term_end TEXT,
  mobile TEXT
);
CREATE INDEX part_time_member_community ON part_time_member (community_id, deleted);
CREATE INDEX part_time_member_unit_id ON part_time_member (unit_id);

CREATE TABLE project (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  unit_id TEXT,
  estate_id TEXT,
  year INTEGER,
  lian_type TEXT,
  title TEXT,
  description TEXT,
  start_on TEXT,
  end_on TEXT,
  budget REAL,
  status TEXT
);
CREATE INDEX project_community ON project (community_id, deleted);
CREATE INDEX project_unit_id ON project (unit_id);

CREATE TABLE problem (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  unit_id TEXT,
  estate_id TEXT,
  year INTEGER,
  seq INTEGER,
  title TEXT,
  description TEXT,
  source TEXT,
  agreed_in_meeting_id TEXT,
  status TEXT,
  started_on TEXT,
  solved_on TEXT,
  result_text TEXT,
  resident_rating TEXT
);
CREATE INDEX problem_community ON problem (community_id, deleted);
CREATE INDEX problem_unit_id ON problem (unit_id);

CREATE INDEX partner_unit_name ON partner_unit (community_id, name);
CREATE INDEX partner_unit_uscc ON partner_unit (community_id, uscc);
