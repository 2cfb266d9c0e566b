-- The whole database schema, created in one place. Geometry is GeoJSON text plus bbox columns (the spatial
-- extension cannot be installed offline); every located row carries its grid / village / township codes
-- (12-digit division codes, grids extend villages by 3 digits) so jurisdiction filters are prefix matches.
-- Timestamps are UTC; the county's calendar is Asia/Shanghai.

CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);

-- The jurisdiction: one row. province/prefecture are the names above it (null when not a county of the
-- national list); time_zone is the one clock every local day, hour and shift is read in.
CREATE TABLE county (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, seat_lon DOUBLE, seat_lat DOUBLE,
  min_lon DOUBLE, min_lat DOUBLE, max_lon DOUBLE, max_lat DOUBLE, geojson VARCHAR NOT NULL,
  province VARCHAR, prefecture VARCHAR, time_zone VARCHAR NOT NULL DEFAULT 'Asia/Shanghai');

-- A prefecture-level jurisdiction's county-level units (a county-level jurisdiction has none): one level above
-- the townships. A township belongs to the county its code starts with (6 digits); no column repeats that.
CREATE TABLE counties (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL,
  seat_lon DOUBLE, seat_lat DOUBLE, min_lon DOUBLE, min_lat DOUBLE, max_lon DOUBLE, max_lat DOUBLE, geojson VARCHAR NOT NULL);

CREATE TABLE neighbours (code VARCHAR, name VARCHAR NOT NULL, province VARCHAR, kind VARCHAR, geojson VARCHAR NOT NULL);

CREATE TABLE townships (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL,
  seat_lon DOUBLE, seat_lat DOUBLE, min_lon DOUBLE, min_lat DOUBLE, max_lon DOUBLE, max_lat DOUBLE, geojson VARCHAR NOT NULL);

CREATE TABLE villages (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, official_name VARCHAR, township_code VARCHAR NOT NULL,
  kind VARCHAR NOT NULL, centre_lon DOUBLE, centre_lat DOUBLE,
  min_lon DOUBLE, min_lat DOUBLE, max_lon DOUBLE, max_lat DOUBLE, geojson VARCHAR NOT NULL);

CREATE TABLE grids (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, village_code VARCHAR NOT NULL, township_code VARCHAR NOT NULL,
  kind VARCHAR NOT NULL, place_name VARCHAR, leader VARCHAR, members INTEGER, households INTEGER,
  centre_lon DOUBLE, centre_lat DOUBLE, min_lon DOUBLE, min_lat DOUBLE, max_lon DOUBLE, max_lat DOUBLE, geojson VARCHAR NOT NULL);

CREATE TABLE settlements (name VARCHAR NOT NULL, kind VARCHAR NOT NULL, lon DOUBLE NOT NULL, lat DOUBLE NOT NULL,
  population INTEGER, village_code VARCHAR, township_code VARCHAR);

CREATE TABLE roads (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, class VARCHAR NOT NULL, length_m DOUBLE NOT NULL,
  township_code VARCHAR, min_lon DOUBLE, min_lat DOUBLE, max_lon DOUBLE, max_lat DOUBLE, geojson VARCHAR NOT NULL);

CREATE TABLE key_sites (id INTEGER PRIMARY KEY, kind VARCHAR NOT NULL, coverage_category VARCHAR NOT NULL, target_pct DOUBLE NOT NULL,
  name VARCHAR NOT NULL, lon DOUBLE NOT NULL, lat DOUBLE NOT NULL, grid_code VARCHAR, village_code VARCHAR, township_code VARCHAR);

CREATE TABLE police_stations (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL, lon DOUBLE NOT NULL, lat DOUBLE NOT NULL,
  township_code VARCHAR, units INTEGER NOT NULL);

CREATE TABLE cameras (id VARCHAR PRIMARY KEY, name VARCHAR, kind VARCHAR NOT NULL, lon DOUBLE NOT NULL, lat DOUBLE NOT NULL,
  bearing DOUBLE NOT NULL, fov DOUBLE NOT NULL, range_m DOUBLE NOT NULL, status VARCHAR NOT NULL, installed_on DATE,
  grid_code VARCHAR, village_code VARCHAR, township_code VARCHAR, h3_r9 UBIGINT);

-- Planted demo hotspots: the generator's ground truth, kept so hotspot analysis can be checked against it.
CREATE TABLE demo_hotspots (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL, lon DOUBLE, lat DOUBLE,
  radius_m DOUBLE, categories VARCHAR, window_from DATE, window_to DATE);

-- Physically ordered by reported_at (see db/load-demo.ts): DuckDB's zone maps then skip most row groups for
-- a time window. cell_x/cell_y: the heatmap base lattice (analysis/heat-cells.ts), floor(lon|lat / 0.0005).
CREATE TABLE incidents (id BIGINT NOT NULL, category VARCHAR NOT NULL, title VARCHAR, address VARCHAR,
  lon DOUBLE NOT NULL, lat DOUBLE NOT NULL, cell_x INTEGER NOT NULL, cell_y INTEGER NOT NULL,
  grid_code VARCHAR NOT NULL, village_code VARCHAR NOT NULL, township_code VARCHAR NOT NULL, h3_r9 UBIGINT, reported_at TIMESTAMP NOT NULL, accepted_at TIMESTAMP, assigned_at TIMESTAMP, closed_at TIMESTAMP,
  due_at TIMESTAMP NOT NULL, status VARCHAR NOT NULL, resolved BOOLEAN, source VARCHAR, hotspot_id INTEGER,
  external_id VARCHAR, -- external_id: the incident's id in the system it was imported from
  -- The case's current state, kept by server/cases from its history (case_transitions) in the same transaction as
  -- each transition: the tier responsible (village|township|county), when it must move on from that tier, the
  -- person or unit it is dispatched to, 督办 flag, and the username of the user who reported it.
  -- history_seq: the seq of the case's last history row, so a transition numbers its row without scanning the history.
  level VARCHAR DEFAULT 'village', level_due_at TIMESTAMP, assignee VARCHAR, supervised BOOLEAN DEFAULT false, reporter VARCHAR, history_seq INTEGER);
-- A case is read and written by its id (server/cases/case-store.ts: the detail, a group of transitions): without
-- an index a group of 64 scattered ids scanned every column of every row (98 ms of CPU at 1M cases; 14 ms with).
CREATE INDEX incidents_id ON incidents (id);

-- Every case's history, append-only (server/cases/case-store.ts never updates or deletes a row): who did what
-- when, from which status and tier to which. seq orders one case's rows. Imported and demo cases get their
-- history from the file's timestamps (server/cases/seed-history.ts).
CREATE TABLE case_transitions (case_id BIGINT NOT NULL, seq INTEGER NOT NULL, action VARCHAR NOT NULL,
  from_status VARCHAR, to_status VARCHAR NOT NULL, from_level VARCHAR, to_level VARCHAR NOT NULL, happened_at TIMESTAMP NOT NULL,
  actor_id INTEGER, actor_name VARCHAR, actor_role VARCHAR, note VARCHAR, assignee VARCHAR, attachment_id VARCHAR);
-- The histories of a group of cases are read by case_id at once (the answers of a group of transitions).
CREATE INDEX case_transitions_case ON case_transitions (case_id);

-- Photos attached to a report or a transition (size and type checked by server/cases/attachments.ts).
CREATE TABLE case_attachments (id VARCHAR PRIMARY KEY, case_id BIGINT NOT NULL, content_type VARCHAR NOT NULL,
  bytes INTEGER NOT NULL, data BLOB NOT NULL, created_at TIMESTAMP NOT NULL, uploaded_by VARCHAR);

-- What-if scenarios of the coverage planner (routes/coverage): an ordered list of camera edits (add, update,
-- remove) as JSON, applied over the cameras table when viewed; the cameras table itself is never changed.
CREATE TABLE coverage_scenarios (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, edits VARCHAR NOT NULL,
  scope_code VARCHAR); -- the saver's jurisdiction (users.scope_code): who may list, read and delete it

-- Accounts (server/auth): a role and a jurisdiction prefix per user; passwords as scrypt hashes
-- (auth/passwords.ts). Raising session_epoch ends every session of the user (password change, reset, disable).
CREATE TABLE users (id INTEGER PRIMARY KEY, username VARCHAR NOT NULL UNIQUE, display_name VARCHAR NOT NULL, role VARCHAR NOT NULL,
  scope_code VARCHAR NOT NULL, password_hash VARCHAR NOT NULL, disabled BOOLEAN NOT NULL DEFAULT false,
  session_epoch INTEGER NOT NULL DEFAULT 0, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL);

-- Sessions ended by logout before their expiry (a session is a signed cookie; this list refuses it until then).
CREATE TABLE revoked_sessions (sid VARCHAR PRIMARY KEY, expires_at TIMESTAMP NOT NULL);

-- The audit log (auth/audit.ts): logins, imports, polygon replacements, exports, reads of sensitive rows.
-- Append-only: nothing in the code updates or deletes a row (test/api/audit.test.ts reads the source to hold it).
CREATE SEQUENCE audit_log_id START 1;
CREATE TABLE audit_log (id BIGINT PRIMARY KEY DEFAULT nextval('audit_log_id'), logged_at TIMESTAMP NOT NULL, username VARCHAR, role VARCHAR,
  address VARCHAR, action VARCHAR NOT NULL, ok BOOLEAN NOT NULL, detail VARCHAR);
-- The jurisdiction's incident category vocabulary (seeded with the eleven of shared/domain/categories.ts by
-- db/categories.ts; a county adds its own through the import dialog or POST /api/categories), and the source
-- values an import mapped to a category or a status, remembered for the next file.
CREATE TABLE categories (code VARCHAR PRIMARY KEY, name_zh VARCHAR NOT NULL, name_en VARCHAR NOT NULL, color VARCHAR NOT NULL,
  severity DOUBLE NOT NULL, sla_days INTEGER NOT NULL, parent_group VARCHAR NOT NULL, sort INTEGER NOT NULL);
CREATE TABLE value_aliases (kind VARCHAR NOT NULL, source VARCHAR NOT NULL, target VARCHAR NOT NULL, PRIMARY KEY (kind, source));
