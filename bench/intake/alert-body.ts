// A Wazuh alert (sshd brute force, level 10) unique by its id, from a distinct source address and
// agent each time, so alerts do not group: the benchmark measures one report per alert.
export function wazuhAlertBody(externalId: string, n: number): string {
  const a = (n >>> 16) & 255;
  const b = (n >>> 8) & 255;
  const c = n & 255;
  return JSON.stringify({
    timestamp: '2026-11-24T09:15:02.123+0700',
    rule: {
      level: 10,
      description: 'sshd: brute force trying to get access to the system. Non existent user.',
      id: '5712',
      groups: ['syslog', 'sshd', 'authentication_failures'],
    },
    agent: { id: String(n % 1000).padStart(3, '0'), name: `may-chu-${n % 1000}`, ip: `10.${a}.${b}.${c}` },
    manager: { name: 'wazuh-manager' },
    id: externalId,
    full_log: `Nov 24 09:15:02 may-chu sshd[2211]: Invalid user oracle from 198.${a}.${b}.${c} port 51122`,
    decoder: { parent: 'sshd', name: 'sshd' },
    data: { srcip: `198.${a}.${b}.${c}`, srcport: '51122', srcuser: 'oracle' },
    location: '/var/log/auth.log',
  });
}
