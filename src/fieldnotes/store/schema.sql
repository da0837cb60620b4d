CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE local_profile (
	id INTEGER NOT NULL, 
	device_id VARCHAR(36) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	country VARCHAR(100) NOT NULL, 
	institution VARCHAR(300) NOT NULL, 
	email VARCHAR(200) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	CONSTRAINT pk_local_profile PRIMARY KEY (id)
);
CREATE TABLE missions (
	title VARCHAR(300) NOT NULL, 
	programme VARCHAR(200) NOT NULL, 
	components JSON NOT NULL, 
	host_country VARCHAR(100) NOT NULL, 
	city VARCHAR(100) NOT NULL, 
	start_date DATE, 
	end_date DATE, 
	timezone VARCHAR(64) NOT NULL, 
	objectives TEXT NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	summary TEXT NOT NULL, 
	conclusions TEXT NOT NULL, 
	recommendations TEXT NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	updated_by VARCHAR(36), 
	deleted BOOLEAN NOT NULL, 
	version JSON NOT NULL, 
	CONSTRAINT pk_missions PRIMARY KEY (id)
);
CREATE INDEX ix_missions_deleted ON missions (deleted);
CREATE TABLE revisions (
	id INTEGER NOT NULL, 
	table_name VARCHAR(40) NOT NULL, 
	record_id VARCHAR(36) NOT NULL, 
	version JSON NOT NULL, 
	content_hash VARCHAR(64) NOT NULL, 
	content TEXT NOT NULL, 
	recorded_at VARCHAR(32) NOT NULL, 
	recorded_by VARCHAR(36), 
	CONSTRAINT pk_revisions PRIMARY KEY (id)
);
CREATE INDEX ix_revisions_record_id ON revisions (record_id);
CREATE TABLE topics (
	name VARCHAR(100) NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	updated_by VARCHAR(36), 
	deleted BOOLEAN NOT NULL, 
	version JSON NOT NULL, 
	CONSTRAINT pk_topics PRIMARY KEY (id)
);
CREATE INDEX ix_topics_deleted ON topics (deleted);
CREATE TABLE meetings (
	mission_id VARCHAR(36) NOT NULL, 
	date DATE NOT NULL, 
	start_time TIME, 
	end_time TIME, 
	title VARCHAR(300) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	venue VARCHAR(300) NOT NULL, 
	agenda TEXT NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	organisation_ids JSON NOT NULL, 
	contact_ids JSON NOT NULL, 
	member_ids JSON NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	updated_by VARCHAR(36), 
	deleted BOOLEAN NOT NULL, 
	version JSON NOT NULL, 
	CONSTRAINT pk_meetings PRIMARY KEY (id), 
	CONSTRAINT fk_meetings_mission_id_missions FOREIGN KEY(mission_id) REFERENCES missions (id)
);
CREATE INDEX ix_meetings_deleted ON meetings (deleted);
CREATE INDEX ix_meetings_mission_id ON meetings (mission_id);
CREATE TABLE members (
	mission_id VARCHAR(36) NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	country VARCHAR(100) NOT NULL, 
	institution VARCHAR(300) NOT NULL, 
	role VARCHAR(32) NOT NULL, 
	email VARCHAR(200) NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	updated_by VARCHAR(36), 
	deleted BOOLEAN NOT NULL, 
	version JSON NOT NULL, 
	CONSTRAINT pk_members PRIMARY KEY (id), 
	CONSTRAINT fk_members_mission_id_missions FOREIGN KEY(mission_id) REFERENCES missions (id)
);
CREATE INDEX ix_members_deleted ON members (deleted);
CREATE INDEX ix_members_mission_id ON members (mission_id);
CREATE TABLE organisations (
	mission_id VARCHAR(36) NOT NULL, 
	name VARCHAR(300) NOT NULL, 
	acronym VARCHAR(40) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	country VARCHAR(100) NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	updated_by VARCHAR(36), 
	deleted BOOLEAN NOT NULL, 
	version JSON NOT NULL, 
	CONSTRAINT pk_organisations PRIMARY KEY (id), 
	CONSTRAINT fk_organisations_mission_id_missions FOREIGN KEY(mission_id) REFERENCES missions (id)
);
CREATE INDEX ix_organisations_deleted ON organisations (deleted);
CREATE INDEX ix_organisations_mission_id ON organisations (mission_id);
CREATE TABLE contacts (
	mission_id VARCHAR(36) NOT NULL, 
	organisation_id VARCHAR(36), 
	name VARCHAR(200) NOT NULL, 
	position VARCHAR(300) NOT NULL, 
	email VARCHAR(200) NOT NULL, 
	phone VARCHAR(100) NOT NULL, 
	notes TEXT NOT NULL, 
	internal BOOLEAN NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	updated_by VARCHAR(36), 
	deleted BOOLEAN NOT NULL, 
	version JSON NOT NULL, 
	CONSTRAINT pk_contacts PRIMARY KEY (id), 
	CONSTRAINT fk_contacts_mission_id_missions FOREIGN KEY(mission_id) REFERENCES missions (id), 
	CONSTRAINT fk_contacts_organisation_id_organisations FOREIGN KEY(organisation_id) REFERENCES organisations (id)
);
CREATE INDEX ix_contacts_deleted ON contacts (deleted);
CREATE INDEX ix_contacts_mission_id ON contacts (mission_id);
CREATE INDEX ix_contacts_organisation_id ON contacts (organisation_id);
CREATE TABLE mission_links (
	mission_id VARCHAR(36) NOT NULL, 
	member_id VARCHAR(36) NOT NULL, 
	CONSTRAINT pk_mission_links PRIMARY KEY (mission_id), 
	CONSTRAINT fk_mission_links_member_id_members FOREIGN KEY(member_id) REFERENCES members (id), 
	CONSTRAINT fk_mission_links_mission_id_missions FOREIGN KEY(mission_id) REFERENCES missions (id)
);
CREATE TABLE notes (
	mission_id VARCHAR(36) NOT NULL, 
	meeting_id VARCHAR(36), 
	author_id VARCHAR(36) NOT NULL, 
	position INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	key_finding BOOLEAN NOT NULL, 
	internal BOOLEAN NOT NULL, 
	topic_ids JSON NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	updated_by VARCHAR(36), 
	deleted BOOLEAN NOT NULL, 
	version JSON NOT NULL, 
	CONSTRAINT pk_notes PRIMARY KEY (id), 
	CONSTRAINT fk_notes_author_id_members FOREIGN KEY(author_id) REFERENCES members (id), 
	CONSTRAINT fk_notes_meeting_id_meetings FOREIGN KEY(meeting_id) REFERENCES meetings (id), 
	CONSTRAINT fk_notes_mission_id_missions FOREIGN KEY(mission_id) REFERENCES missions (id)
);
CREATE INDEX ix_notes_author_id ON notes (author_id);
CREATE INDEX ix_notes_deleted ON notes (deleted);
CREATE INDEX ix_notes_meeting_id ON notes (meeting_id);
CREATE INDEX ix_notes_mission_id ON notes (mission_id);
CREATE TABLE actions (
	mission_id VARCHAR(36) NOT NULL, 
	meeting_id VARCHAR(36), 
	note_id VARCHAR(36), 
	text TEXT NOT NULL, 
	owner_member_id VARCHAR(36), 
	owner_organisation_id VARCHAR(36), 
	due_date DATE, 
	status VARCHAR(32) NOT NULL, 
	internal BOOLEAN NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	updated_by VARCHAR(36), 
	deleted BOOLEAN NOT NULL, 
	version JSON NOT NULL, 
	CONSTRAINT pk_actions PRIMARY KEY (id), 
	CONSTRAINT fk_actions_meeting_id_meetings FOREIGN KEY(meeting_id) REFERENCES meetings (id), 
	CONSTRAINT fk_actions_mission_id_missions FOREIGN KEY(mission_id) REFERENCES missions (id), 
	CONSTRAINT fk_actions_note_id_notes FOREIGN KEY(note_id) REFERENCES notes (id), 
	CONSTRAINT fk_actions_owner_member_id_members FOREIGN KEY(owner_member_id) REFERENCES members (id), 
	CONSTRAINT fk_actions_owner_organisation_id_organisations FOREIGN KEY(owner_organisation_id) REFERENCES organisations (id)
);
CREATE INDEX ix_actions_deleted ON actions (deleted);
CREATE INDEX ix_actions_meeting_id ON actions (meeting_id);
CREATE INDEX ix_actions_mission_id ON actions (mission_id);
CREATE VIRTUAL TABLE notes_fts USING fts5(text, content='notes', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN INSERT INTO notes_fts(rowid, text) VALUES (new.rowid, new.text); END;
CREATE TRIGGER notes_fts_delete AFTER DELETE ON notes BEGIN INSERT INTO notes_fts(notes_fts, rowid, text) VALUES ('delete', old.rowid, old.text); END;
CREATE TRIGGER notes_fts_update AFTER UPDATE OF text ON notes BEGIN INSERT INTO notes_fts(notes_fts, rowid, text) VALUES ('delete', old.rowid, old.text); INSERT INTO notes_fts(rowid, text) VALUES (new.rowid, new.text); END;
CREATE VIRTUAL TABLE meetings_fts USING fts5(title, venue, agenda, content='meetings', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER meetings_fts_insert AFTER INSERT ON meetings BEGIN INSERT INTO meetings_fts(rowid, title, venue, agenda) VALUES (new.rowid, new.title, new.venue, new.agenda); END;
CREATE TRIGGER meetings_fts_delete AFTER DELETE ON meetings BEGIN INSERT INTO meetings_fts(meetings_fts, rowid, title, venue, agenda) VALUES ('delete', old.rowid, old.title, old.venue, old.agenda); END;
CREATE TRIGGER meetings_fts_update AFTER UPDATE OF title, venue, agenda ON meetings BEGIN INSERT INTO meetings_fts(meetings_fts, rowid, title, venue, agenda) VALUES ('delete', old.rowid, old.title, old.venue, old.agenda); INSERT INTO meetings_fts(rowid, title, venue, agenda) VALUES (new.rowid, new.title, new.venue, new.agenda); END;
CREATE VIRTUAL TABLE contacts_fts USING fts5(name, position, notes, content='contacts', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN INSERT INTO contacts_fts(rowid, name, position, notes) VALUES (new.rowid, new.name, new.position, new.notes); END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN INSERT INTO contacts_fts(contacts_fts, rowid, name, position, notes) VALUES ('delete', old.rowid, old.name, old.position, old.notes); END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF name, position, notes ON contacts BEGIN INSERT INTO contacts_fts(contacts_fts, rowid, name, position, notes) VALUES ('delete', old.rowid, old.name, old.position, old.notes); INSERT INTO contacts_fts(rowid, name, position, notes) VALUES (new.rowid, new.name, new.position, new.notes); END;
CREATE VIRTUAL TABLE organisations_fts USING fts5(name, acronym, content='organisations', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER organisations_fts_insert AFTER INSERT ON organisations BEGIN INSERT INTO organisations_fts(rowid, name, acronym) VALUES (new.rowid, new.name, new.acronym); END;
CREATE TRIGGER organisations_fts_delete AFTER DELETE ON organisations BEGIN INSERT INTO organisations_fts(organisations_fts, rowid, name, acronym) VALUES ('delete', old.rowid, old.name, old.acronym); END;
CREATE TRIGGER organisations_fts_update AFTER UPDATE OF name, acronym ON organisations BEGIN INSERT INTO organisations_fts(organisations_fts, rowid, name, acronym) VALUES ('delete', old.rowid, old.name, old.acronym); INSERT INTO organisations_fts(rowid, name, acronym) VALUES (new.rowid, new.name, new.acronym); END;
CREATE TABLE conflicts (
	id VARCHAR(36) NOT NULL, 
	table_name VARCHAR(40) NOT NULL, 
	record_id VARCHAR(36) NOT NULL, 
	mission_id VARCHAR(36), 
	field VARCHAR(64) NOT NULL, 
	kind VARCHAR(32) NOT NULL, 
	loser_value TEXT NOT NULL, 
	loser_version JSON NOT NULL, 
	loser_member VARCHAR(36), 
	created_at VARCHAR(32) NOT NULL, 
	resolved BOOLEAN NOT NULL, 
	resolved_version JSON, 
	resolved_by VARCHAR(36), 
	CONSTRAINT pk_conflicts PRIMARY KEY (id)
);
CREATE INDEX ix_conflicts_record_id ON conflicts (record_id);
CREATE INDEX ix_conflicts_mission_id ON conflicts (mission_id);
CREATE INDEX ix_conflicts_resolved ON conflicts (resolved);
CREATE TABLE attachments (
	mission_id VARCHAR(36) NOT NULL, 
	meeting_id VARCHAR(36), 
	note_id VARCHAR(36), 
	author_id VARCHAR(36), 
	sha256 VARCHAR(64) NOT NULL, 
	file_name VARCHAR(255) NOT NULL, 
	media_type VARCHAR(100) NOT NULL, 
	size INTEGER NOT NULL, 
	caption VARCHAR(1000) NOT NULL, 
	internal BOOLEAN NOT NULL, 
	position INTEGER NOT NULL, 
	id VARCHAR(36) NOT NULL, 
	created_at VARCHAR(32) NOT NULL, 
	updated_at VARCHAR(32) NOT NULL, 
	updated_by VARCHAR(36), 
	deleted BOOLEAN NOT NULL, 
	version JSON NOT NULL, 
	CONSTRAINT pk_attachments PRIMARY KEY (id), 
	CONSTRAINT fk_attachments_mission_id_missions FOREIGN KEY(mission_id) REFERENCES missions (id), 
	CONSTRAINT fk_attachments_meeting_id_meetings FOREIGN KEY(meeting_id) REFERENCES meetings (id), 
	CONSTRAINT fk_attachments_note_id_notes FOREIGN KEY(note_id) REFERENCES notes (id), 
	CONSTRAINT fk_attachments_author_id_members FOREIGN KEY(author_id) REFERENCES members (id)
);
CREATE INDEX ix_attachments_mission_id ON attachments (mission_id);
CREATE INDEX ix_attachments_meeting_id ON attachments (meeting_id);
CREATE INDEX ix_attachments_note_id ON attachments (note_id);
CREATE INDEX ix_attachments_sha256 ON attachments (sha256);
CREATE INDEX ix_attachments_deleted ON attachments (deleted);
CREATE TABLE imported_packages (
	sha256 VARCHAR(64) NOT NULL, 
	mission_id VARCHAR(36) NOT NULL, 
	records INTEGER NOT NULL, 
	imported_at VARCHAR(32) NOT NULL, 
	CONSTRAINT pk_imported_packages PRIMARY KEY (sha256)
);
INSERT INTO alembic_version (version_num) VALUES ('0004');
