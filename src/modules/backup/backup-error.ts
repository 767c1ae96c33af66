export type BackupErrorReason =
  | 'corrupt'
  | 'truncated'
  | 'missing-entry'
  | 'unexpected-entry'
  | 'hash-mismatch'
  | 'bad-manifest'
  | 'unknown-format'
  | 'signature'
  | 'newer-migration'
  | 'incompatible'
  | 'not-empty'
  | 'count-mismatch'
  | 'source';

/** Why a backup or restore was refused; the message says what to do. Nothing was written. */
export class BackupError extends Error {
  readonly reason: BackupErrorReason;
  constructor(reason: BackupErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
