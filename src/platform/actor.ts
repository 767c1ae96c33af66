import type { Role } from '../modules/identity/tables.ts';
import type { Clock } from './clock.ts';

/** The authenticated user behind a request. */
export type Principal = {
  userId: string;
  username: string;
  organisationId: string;
  roles: Role[];
  via: 'session' | 'token';
  sessionId?: string;
  tokenScopes?: ('read' | 'write')[];
};

export type Actor = { kind: 'user'; principal: Principal } | { kind: 'system'; name: `system:${string}` };

/** Who does something, when, and from where: passed to every command. */
export type Ctx = {
  actor: Actor;
  clock: Clock;
  requestId?: string;
  ip?: string;
};

export function actorLabel(actor: Actor): string {
  return actor.kind === 'user' ? actor.principal.username : actor.name;
}

export function systemCtx(name: `system:${string}`, clock: Clock): Ctx {
  return { actor: { kind: 'system', name }, clock };
}
