import type { Migration } from './migration.js'

/** The tables the analyzer writes and the gateway reads, with indexes for the gateway's filters. */
export const analysisTables: Migration = {
  version: 1,
  name: 'analysis tables',
  statements: [
    `create table error_patterns (
      pattern_hash text primary key,
      normalized_message text not null,
      occurrence_count bigint not null default 0 check (occurrence_count >= 0),
      services text[] not null default '{}',
      environments text[] not null default '{}',
      max_level text not null check (max_level in ('DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL')),
      first_seen timestamptz not null,
      last_seen timestamptz not null,
      is_known boolean not null default false,
      category text not null default 'auto-detected',
      trend text not null default 'stable',
      sample_log_ids text[] not null default '{}',
      example_message text,
      updated_at timestamptz not null default now()
    )`,
    'create index error_patterns_occurrence_count_idx on error_patterns (occurrence_count desc)',
    'create index error_patterns_max_level_idx on error_patterns (max_level)',
    'create index error_patterns_services_idx on error_patterns using gin (services)',

    `create table anomaly_alerts (
      alert_id uuid primary key default gen_random_uuid(),
      anomaly_type text not null,
      detected_at timestamptz not null default now(),
      service text not null,
      environment text not null,
      severity text not null check (severity in ('low', 'medium', 'high', 'critical')),
      description text not null,
      confidence_score double precision not null check (confidence_score between 0 and 1),
      status text not null default 'new' check (status in ('new', 'acknowledged', 'resolved')),
      metrics jsonb not null default '{}',
      pattern_hash text
    )`,
    'create index anomaly_alerts_severity_idx on anomaly_alerts (severity)',
    'create index anomaly_alerts_status_idx on anomaly_alerts (status)',
    'create index anomaly_alerts_service_idx on anomaly_alerts (service)',
    'create index anomaly_alerts_detected_at_idx on anomaly_alerts (detected_at desc)',

    `create table analysis_reports (
      report_id uuid primary key default gen_random_uuid(),
      report_date date not null,
      start_time timestamptz not null,
      end_time timestamptz not null,
      total_logs_processed bigint not null default 0,
      error_count bigint not null default 0,
      unique_error_patterns integer not null default 0,
      anomalies_detected integer not null default 0,
      executive_summary text not null default '',
      summary_source text not null,
      top_issues jsonb not null default '[]',
      recommendations jsonb not null default '[]',
      generation_time_seconds double precision,
      status text not null default 'completed',
      created_at timestamptz not null default now()
    )`,
    'create index analysis_reports_report_date_idx on analysis_reports (report_date desc, created_at desc)',

    `create table anomaly_baselines (
      service text not null,
      environment text not null,
      level text not null check (level in ('DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL')),
      hour_of_day integer not null check (hour_of_day between 0 and 23),
      day_of_week integer not null check (day_of_week between 0 and 6),
      mean_count double precision not null,
      stddev_count double precision not null,
      sample_count integer not null,
      updated_at timestamptz not null default now(),
      primary key (service, environment, level, hour_of_day, day_of_week)
    )`,
  ],
}
