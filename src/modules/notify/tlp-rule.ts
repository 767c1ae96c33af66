import type { Tlp } from '../../shared/vocabulary.ts';

/** Where a notification's content may travel beyond the in-app list (docs/ARCHITECTURE.md, "Notifications and TLP"). */
export type OutboundTarget = 'email' | 'organisation-webhook' | 'platform-webhook';

/**
 * RED never leaves the platform: e-mail and webhooks only say that there is something to read.
 * E-mail goes to the recipients the sender addressed (those allowed to see it), so content up to
 * AMBER+STRICT travels there; an organisation's webhook stands for that organisation's address.
 * A platform-wide webhook is nobody's address: it carries content only for CLEAR and GREEN (what
 * every user of the constituency may see) and a pointer otherwise.
 */
export function contentMayTravel(tlp: Tlp, target: OutboundTarget): boolean {
  if (tlp === 'red') return false;
  if (target === 'platform-webhook') return tlp === 'clear' || tlp === 'green';
  return true;
}
