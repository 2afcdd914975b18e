-- Jinlin schema migration: 3, meetings with attendance, agenda items (four steps), decisions and amendments
-- Applied inside one transaction by jl-store-migrate.c; never edit a released
-- migration, add a new one.

CREATE TABLE meeting (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  org_id TEXT,
  meeting_type TEXT,
  title TEXT,
  held_at TEXT,
  ended_at TEXT,
  place TEXT,
  host_id TEXT,
  recorder_id TEXT,
  lecturer TEXT,
  observers TEXT,
  summary TEXT,
  state TEXT,
  return_reason TEXT,
  approved_by TEXT,
  approved_at TEXT,
  is_public INTEGER
);
CREATE INDEX meeting_community ON meeting (community_id, deleted);

CREATE TABLE attendance (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT,
  person_id TEXT,
  unit_id TEXT,
  name TEXT,
  role TEXT,
  status TEXT,
  reason TEXT
);
CREATE INDEX attendance_community ON attendance (community_id, deleted);
CREATE INDEX attendance_meeting_id ON attendance (meeting_id);

CREATE TABLE agenda_item (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT,
  position INTEGER,
  title TEXT,
  presenter TEXT,
  item_kind TEXT,
  step_consult TEXT,
  step_plan TEXT,
  step_execute TEXT,
  step_feedback TEXT,
  votes_yes INTEGER,
  votes_no INTEGER,
  votes_abstain INTEGER
);
CREATE INDEX agenda_item_community ON agenda_item (community_id, deleted);
CREATE INDEX agenda_item_meeting_id ON agenda_item (meeting_id);

CREATE TABLE decision (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  agenda_item_id TEXT,
  text TEXT,
  lead_unit_id TEXT,
  lead_org_id TEXT,
  owner TEXT,
  due_on TEXT,
  status TEXT,
  progress REAL,
  feedback TEXT,
  decision_disclosed_on TEXT,
  result_disclosed_on TEXT
);
CREATE INDEX decision_community ON decision (community_id, deleted);
CREATE INDEX decision_agenda_item_id ON decision (agenda_item_id);

CREATE TABLE amendment (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  meeting_id TEXT,
  target_kind TEXT,
  target_id TEXT,
  field TEXT,
  old_value TEXT,
  new_value TEXT,
  reason TEXT,
  author TEXT,
  made_on TEXT
);
CREATE INDEX amendment_community ON amendment (community_id, deleted);
CREATE INDEX amendment_meeting_id ON amendment (meeting_id);

CREATE INDEX meeting_held_at ON meeting (community_id, held_at);
