/** Message keys the normaliser fails with; src/platform/messages.ts holds their vi/en text. */
export type NormaliseError =
  | 'value_empty'
  | 'value_too_long'
  | 'value_unrecognised'
  | 'ip_invalid'
  | 'cidr_invalid'
  | 'cidr_prefix_invalid'
  | 'cidr_host_bits'
  | 'domain_invalid'
  | 'url_invalid'
  | 'email_invalid'
  | 'hash_invalid'
  | 'asn_invalid';

export type Failure = { ok: false; error: NormaliseError; params: Record<string, string> };
export type Result<T> = { ok: true; value: T } | Failure;

export const MAX_INPUT = 8192;

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** `value` is the (shortened) input, so a message can quote what the user typed. */
export function fail(error: NormaliseError, input: string, extra: Record<string, string> = {}): Failure {
  const value = input.length > 100 ? `${input.slice(0, 100)}…` : input;
  return { ok: false, error, params: { value, ...extra } };
}
