export type ObservableType =
  | 'ipv4'
  | 'ipv6'
  | 'cidr'
  | 'domain'
  | 'url'
  | 'email'
  | 'md5'
  | 'sha1'
  | 'sha256'
  | 'sha512'
  | 'filename'
  | 'cve'
  | 'account';

/** `raw` is text[start, end) of the input; `value` is the canonical form used for de-duplication. */
export type Observable = { type: ObservableType; value: string; raw: string; start: number; end: number };

export type ExtractResult = { items: Observable[]; truncated: boolean };

export type ExtractOptions = {
  /** Also report the host of each URL and e-mail as a domain or IP item (default false). */
  includeHosts?: boolean;
  /** Stop after this many distinct items and set `truncated` (default 10,000). */
  maxItems?: number;
  /** Read only this many characters of the input and set `truncated` if there were more (default 5 MiB). */
  maxInputLength?: number;
};
