import type { Locale } from '../../../platform/messages-type.ts';

/** Error messages of the incidents module (cases), merged into platform/messages.ts. */
export const INCIDENT_MESSAGES_CASES = {} as const satisfies Record<string, Record<Locale, string>>;
