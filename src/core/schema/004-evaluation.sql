-- Jinlin schema migration: 4, evaluation scoring: templates, criteria, rounds, targets, scorers, sheets and score cells
-- Applied inside one transaction by jl-store-migrate.c; never edit a released
-- migration, add a new one.

CREATE TABLE eval_template (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  name TEXT,
  target_kind TEXT,
  scale TEXT,
  drop_extremes INTEGER,
  drop_min_sheets INTEGER,
  decimals INTEGER,
  bands TEXT
);
CREATE INDEX eval_template_community ON eval_template (community_id, deleted);

CREATE TABLE eval_criterion (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  template_id TEXT,
  position INTEGER,
  category TEXT,
  content TEXT,
  standard TEXT,
  max_points REAL,
  weight REAL
);
CREATE INDEX eval_criterion_community ON eval_criterion (community_id, deleted);
CREATE INDEX eval_criterion_template_id ON eval_criterion (template_id);

CREATE TABLE eval_round (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  template_id TEXT,
  title TEXT,
  period_from TEXT,
  period_to TEXT,
  anonymous INTEGER,
  state TEXT,
  published_on TEXT
);
CREATE INDEX eval_round_community ON eval_round (community_id, deleted);

CREATE TABLE eval_target (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  round_id TEXT,
  name TEXT,
  ref_id TEXT,
  position INTEGER
);
CREATE INDEX eval_target_community ON eval_target (community_id, deleted);
CREATE INDEX eval_target_round_id ON eval_target (round_id);

CREATE TABLE eval_scorer (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  round_id TEXT,
  name TEXT,
  person_id TEXT
);
CREATE INDEX eval_scorer_community ON eval_scorer (community_id, deleted);
CREATE INDEX eval_scorer_round_id ON eval_scorer (round_id);

CREATE TABLE eval_sheet (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  round_id TEXT,
  target_id TEXT,
  scorer_id TEXT,
  ballot_no INTEGER,
  is_void INTEGER,
  void_reason TEXT,
  choice TEXT,
  comment TEXT
);
CREATE INDEX eval_sheet_community ON eval_sheet (community_id, deleted);
CREATE INDEX eval_sheet_round_id ON eval_sheet (round_id);

CREATE TABLE eval_score (
  id TEXT PRIMARY KEY NOT NULL,
  community_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  hlc INTEGER NOT NULL DEFAULT 0,
  device_id TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  sheet_id TEXT,
  criterion_id TEXT,
  points REAL,
  comment TEXT
);
CREATE INDEX eval_score_community ON eval_score (community_id, deleted);
CREATE INDEX eval_score_sheet_id ON eval_score (sheet_id);

CREATE INDEX eval_sheet_target ON eval_sheet (target_id);
CREATE INDEX eval_score_criterion ON eval_score (criterion_id);
