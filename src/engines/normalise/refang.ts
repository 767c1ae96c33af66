const DOT = /\s*[[({]\s*(?:\.|dot)\s*[\])}]\s*/gi;
const AT = /\s*[[({]\s*(?:@|at)\s*[\])}]\s*/gi;
const SCHEME_SEP = /\[:\/\/\]|\[:\]\/\//g;
const SCHEME = /\b(hxxp(s?)|fxp)(?=\[?:)/gi;

/**
 * Undoes the usual defanging in threat reports and obfuscated contacts: hxxp(s) → http(s), fxp → ftp,
 * [.] (.) {.} [dot] → ".", [at] (at) [@] → "@", [://] and [:]// → "://". Never fails.
 */
export function refang(input: string): string {
  return input
    .replace(SCHEME, (_m, word: string, secure: string | undefined) =>
      word.toLowerCase() === 'fxp' ? 'ftp' : `http${secure ?? ''}`,
    )
    .replace(SCHEME_SEP, '://')
    .replace(/\[:\]/g, ':')
    .replace(DOT, '.')
    .replace(AT, '@');
}
