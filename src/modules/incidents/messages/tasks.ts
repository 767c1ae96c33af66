import type { Locale } from '../../../platform/messages-type.ts';

/** Error messages of the incidents module (tasks), merged into platform/messages.ts. */
export const INCIDENT_MESSAGES_TASKS = {} as const satisfies Record<string, Record<Locale, string>>;
