/** A Wazuh alert as its Integrator hands it to a custom integration (for the test button). */
export const SAMPLE_WAZUH_ALERT = {
  timestamp: '2026-11-24T09:15:02.123+0700',
  rule: {
    level: 10,
    description: 'sshd: brute force trying to get access to the system. Non existent user.',
    id: '5712',
    mitre: { id: ['T1110'], tactic: ['Credential Access'], technique: ['Brute Force'] },
    groups: ['syslog', 'sshd', 'authentication_failures'],
  },
  agent: { id: '003', name: 'cong-dich-vu-01', ip: '10.20.1.15' },
  manager: { name: 'wazuh-manager' },
  id: '1764000902.1184520',
  full_log: 'Nov 24 09:15:02 cong-dich-vu-01 sshd[2211]: Invalid user oracle from 203.0.113.77 port 51122',
  decoder: { parent: 'sshd', name: 'sshd' },
  data: { srcip: '203.0.113.77', srcport: '51122', srcuser: 'oracle' },
  location: '/var/log/auth.log',
};

/** A starting point for a generic source's mapping. */
export const EXAMPLE_MAPPING = {
  externalId: 'id',
  title: 'title',
  description: 'message',
  level: 'severity',
  levelNames: { low: 3, medium: 6, high: 9, critical: 12 },
  detectedAt: 'timestamp',
  observables: [
    { path: 'source.ip', type: 'ip', group: true },
    { path: 'destination.domain', type: 'domain', group: true },
    { path: 'file.hash', type: 'hash', group: true },
    { path: 'host.ip', type: 'ip', group: false },
  ],
};
