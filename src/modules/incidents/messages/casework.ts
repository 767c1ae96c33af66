import type { Locale } from '../../../platform/messages-type.ts';

/** Error messages of the incidents module (casework), merged into platform/messages.ts. */
export const INCIDENT_MESSAGES_CASEWORK = {} as const satisfies Record<string, Record<Locale, string>>;
