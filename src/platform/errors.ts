import type { MessageCode } from './messages.ts';

/** An error a user can act on: an HTTP status, a stable code and a localised message. */
export class AppError extends Error {
  readonly status: number;
  readonly code: MessageCode;
  readonly params: Record<string, string | number>;
  constructor(status: number, code: MessageCode, params: Record<string, string | number> = {}) {
    super(code);
    this.status = status;
    this.code = code;
    this.params = params;
  }
}

export const forbidden = () => new AppError(403, 'forbidden');
export const notFound = () => new AppError(404, 'not_found');
export const unauthenticated = () => new AppError(401, 'unauthenticated');
