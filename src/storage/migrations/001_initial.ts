// Schema version 1: bot state, conversations with their activity log, staff, sessions, presence, audit, notes, secrets.
import type { Migration } from './index.js';

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE bot_state (
      key TEXT PRIMARY KEY,
      conversation_id TEXT,          -- parsed from the key, so retention can delete a conversation's state
      etag TEXT NOT NULL,
      data TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX bot_state_conversation ON bot_state (conversation_id);

    CREATE TABLE conversations (
      id TEXT PRIMARY KEY,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      mode TEXT NOT NULL,
      urgent INTEGER NOT NULL DEFAULT 0,
      signals TEXT NOT NULL DEFAULT '[]',
      waiting_since INTEGER,
      assigned_to TEXT,
      summary TEXT,
      keep INTEGER NOT NULL DEFAULT 0,
      version INTEGER NOT NULL,
      last_seq INTEGER NOT NULL DEFAULT 0   -- the activity log's counter; incremented in the append transaction
    );
    CREATE INDEX conversations_updated ON conversations (updated_at);
    CREATE INDEX conversations_mode ON conversations (mode);

    CREATE TABLE activities (
      conversation_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      body TEXT NOT NULL,
      PRIMARY KEY (conversation_id, seq)
    ) WITHOUT ROWID;

    CREATE TABLE staff (
      name TEXT PRIMARY KEY,
      password_hash TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );

    CREATE TABLE staff_sessions (
      id TEXT PRIMARY KEY,
      staff_name TEXT NOT NULL,
      csrf_token TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );

    CREATE TABLE presence (
      staff_name TEXT PRIMARY KEY,
      status TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );

    CREATE TABLE audit (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      conversation_id TEXT
    );

    CREATE TABLE notes (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      conversation_id TEXT NOT NULL,
      staff_name TEXT NOT NULL,
      text TEXT NOT NULL,
      at INTEGER NOT NULL
    );
    CREATE INDEX notes_conversation ON notes (conversation_id);

    CREATE TABLE secrets (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
};
