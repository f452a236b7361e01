import type { Migration } from '../../migrations/types'

/**
 * The team server's schema: the same tables and columns as SQLite's (times as ISO-8601 UTC
 * text, JSON as text), so both engines hand the use-cases identical rows. No outbox: a team
 * server syncs with no one.
 */
export const pgMigration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE csms (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      email TEXT NOT NULL UNIQUE,
      experience TEXT NOT NULL CHECK (experience IN ('expert', 'senior', 'mid', 'junior')),
      role TEXT NOT NULL CHECK (role IN ('csm', 'admin'))
    );

    CREATE TABLE customers (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      domain TEXT NOT NULL,
      arr BIGINT NOT NULL,
      renewal_date TEXT NOT NULL,
      contract_start TEXT,
      account_plan TEXT CHECK (account_plan IN ('invest', 'expand', 'manage', 'monitor')),
      owner_id TEXT NOT NULL REFERENCES csms (id),
      risk_score INTEGER,
      health_score INTEGER,
      sentiment TEXT,
      ai_summary TEXT,
      insights_json TEXT NOT NULL DEFAULT '[]',
      recommendations_json TEXT NOT NULL DEFAULT '[]',
      data_json TEXT NOT NULL DEFAULT '{}'
    );

    CREATE TABLE workflows (
      id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL REFERENCES customers (id),
      type TEXT NOT NULL,
      assigned_to TEXT NOT NULL REFERENCES csms (id),
      status TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'completed')),
      assigned_at TEXT NOT NULL,
      started_at TEXT,
      completed_at TEXT,
      completed_by TEXT,
      total_duration INTEGER,
      outcome_json TEXT
    );

    CREATE INDEX workflows_by_csm_status ON workflows (assigned_to, status, completed_at);
    CREATE INDEX workflows_by_customer ON workflows (customer_id);

    CREATE TABLE step_results (
      workflow_id TEXT NOT NULL REFERENCES workflows (id),
      position INTEGER NOT NULL,
      step_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('completed', 'skipped')),
      completed_at TEXT NOT NULL,
      duration INTEGER NOT NULL,
      outputs_json TEXT NOT NULL,
      completed_by TEXT NOT NULL,
      reason TEXT,
      PRIMARY KEY (workflow_id, position),
      UNIQUE (workflow_id, step_id)
    );

    CREATE TABLE idempotency_keys (
      key TEXT PRIMARY KEY,
      user_id TEXT NOT NULL,
      path TEXT NOT NULL,
      body_hash TEXT NOT NULL,
      response_json TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
  `,
}
