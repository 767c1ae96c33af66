/** Nmap options that take the next word as their value (when not written as "-p22" or "--opt=v"). */
const VALUE_OPTIONS = new Set([
  '-p',
  '-e',
  '-S',
  '-D',
  '-g',
  '-iL',
  '-iR',
  '-oX',
  '-oN',
  '-oG',
  '-oA',
  '-oS',
  '-oM',
  '--script',
  '--script-args',
  '--script-args-file',
  '--exclude',
  '--excludefile',
  '--exclude-ports',
  '--top-ports',
  '--port-ratio',
  '--max-retries',
  '--host-timeout',
  '--min-rate',
  '--max-rate',
  '--scan-delay',
  '--max-scan-delay',
  '--min-rtt-timeout',
  '--max-rtt-timeout',
  '--initial-rtt-timeout',
  '--min-hostgroup',
  '--max-hostgroup',
  '--min-parallelism',
  '--max-parallelism',
  '--version-intensity',
  '--dns-servers',
  '--datadir',
  '--source-port',
  '--ttl',
  '--data-length',
  '--data',
  '--data-string',
  '--spoof-mac',
  '--proxies',
  '--stylesheet',
  '--mtu',
  '--servicedb',
  '--versiondb',
]);

/** The scan's targets as written on the command line: the words that are neither options nor their values. */
export function targetsOfArgs(args: string): string[] {
  const words = args.trim().split(/\s+/).slice(1);
  const targets: string[] = [];
  for (let i = 0; i < words.length && targets.length < 1000; i++) {
    const word = words[i] as string;
    if (!word) continue;
    if (word.startsWith('-')) {
      if (VALUE_OPTIONS.has(word)) i++;
      continue;
    }
    targets.push(word);
  }
  return targets;
}

/** scaninfo's services list ("1,3-4,6-7,9") → the probed ports of that protocol; at most 65535. */
export function portsOfServices(
  protocol: 'tcp' | 'udp',
  services: string,
): { protocol: 'tcp' | 'udp'; port: number }[] {
  const seen = new Set<number>();
  for (const part of services.split(',')) {
    const m = /^\s*(\d{1,5})(?:\s*-\s*(\d{1,5}))?\s*$/.exec(part);
    if (!m) continue;
    const from = Number(m[1]);
    const to = Math.min(m[2] === undefined ? from : Number(m[2]), 65535);
    for (let port = Math.max(from, 1); port <= to; port++) seen.add(port);
  }
  return [...seen].sort((a, b) => a - b).map((port) => ({ protocol, port }));
}
