-- Jinlin schema migration: 1, sync bookkeeping and the organisation (community, people, Party organisations, estates, grids)
-- Applied inside one transaction by jl-store-migrate.c; never edit a released
-- migration, add a new one.

-- Device identity and the hybrid logical clock's high-water mark, persisted
-- with every write so that stamps never go backwards after a clock reset.
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  device_id TEXT NOT NULL,
  epoch INTEGER NOT NULL DEFAULT 0,
  last_hlc INTEGER NOT NULL DEFAULT 0,
  server_offset_ms INTEGER NOT NULL DEFAULT 0
);

-- Every local write appends one row per changed field, in the same
-- transaction as the write. Unsent rows (batch IS NULL) of one field are
-- coalesced; rows leave only when the server acknowledges them.
CREATE TABLE outbox (
  dseq INTEGER PRIMARY KEY AUTOINCREMENT,
  change_id TEXT NOT NULL UNIQUE,
  community_id TEXT,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT,
  hlc INTEGER NOT NULL,
  base INTEGER NOT NULL DEFAULT 0,
  batch TEXT
);
CREATE INDEX outbox_pending ON outbox (row_id, field) WHERE batch IS NULL;

-- The server version (sequence) and stamp of each field as last seen from
-- the server: the base of the next local edit of that field.
CREATE TABLE field_version (
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  tbl TEXT NOT NULL,
  ver INTEGER NOT NULL,
  hlc INTEGER NOT NULL,
  device_id TEXT,
  PRIMARY KEY (row_id, field)
) WITHOUT ROWID;

CREATE TABLE community (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  name TEXT,
  street TEXT,
  district TEXT,
  city TEXT,
  committee_name TEXT,
  secretary_id TEXT,
  households INTEGER,
  population INTEGER,
  registered_population INTEGER,
  party_members INTEGER,
  area_km2 REAL,
  as_of TEXT,
  address TEXT,
  phone TEXT,
  seal_text TEXT
);
CREATE INDEX community_community ON community (community_id, deleted);

CREATE TABLE estate (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  code TEXT,
  name TEXT,
  address TEXT,
  households INTEGER,
  population INTEGER,
  buildings INTEGER,
  is_old_estate INTEGER,
  branch_id TEXT,
  has_owners_committee INTEGER,
  owners_committee_chair TEXT,
  owners_committee_term_end TEXT,
  red_owners_committee INTEGER,
  oc_party_majority INTEGER,
  oc_cross_post INTEGER,
  oc_party_group INTEGER,
  has_property_company INTEGER,
  property_company TEXT,
  property_uscc TEXT,
  property_manager TEXT,
  property_phone TEXT,
  red_property INTEGER,
  pc_party_org INTEGER,
  pc_manager_member INTEGER,
  pc_members_identified INTEGER,
  joint_mechanism INTEGER
);
CREATE INDEX estate_community ON estate (community_id, deleted);

CREATE TABLE grid (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  code TEXT,
  name TEXT,
  grid_type TEXT,
  estate_ids TEXT,
  households INTEGER,
  population INTEGER,
  leader TEXT,
  workers TEXT,
  boundary_note TEXT,
  party_org_type TEXT
);
CREATE INDEX grid_community ON grid (community_id, deleted);

CREATE TABLE party_org (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  parent_id TEXT,
  level TEXT,
  org_kind TEXT,
  name TEXT,
  org_code TEXT,
  founded_on TEXT,
  secretary_id TEXT,
  deputy_id TEXT,
  term_start TEXT,
  term_end TEXT,
  members_count INTEGER,
  building_nos TEXT,
  position INTEGER
);
CREATE INDEX party_org_community ON party_org (community_id, deleted);

CREATE TABLE person (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  name TEXT,
  gender TEXT,
  id_no TEXT,
  birth_date TEXT,
  ethnicity TEXT,
  mobile TEXT,
  member_type TEXT,
  joined_on TEXT,
  org_id TEXT,
  work_status TEXT,
  employer TEXT,
  estate_id TEXT,
  building TEXT,
  room TEXT,
  is_cadre INTEGER,
  is_volunteer INTEGER,
  skills TEXT
);
CREATE INDEX person_community ON person (community_id, deleted);

CREATE INDEX estate_branch_id ON estate (branch_id);
CREATE INDEX estate_name ON estate (community_id, name);
CREATE INDEX grid_code ON grid (community_id, code);
CREATE INDEX person_id_no ON person (community_id, id_no);
CREATE INDEX person_name ON person (community_id, name);
CREATE INDEX party_org_parent ON party_org (parent_id);
