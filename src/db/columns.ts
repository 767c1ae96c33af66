import { timestamp } from 'drizzle-orm/pg-core';

/** A `timestamptz NOT NULL DEFAULT now()` column (created_at, updated_at, …): stored in UTC. */
export function timeNow(name = 'created_at') {
  return timestamp(name, { withTimezone: true, mode: 'date' }).notNull().defaultNow();
}

export function optionalTime(name: string) {
  return timestamp(name, { withTimezone: true, mode: 'date' });
}
