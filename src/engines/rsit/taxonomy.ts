/**
 * The Reference Security Incident Taxonomy (RSIT, TF-CSIRT / ENISA working group), machine-readable
 * version 1003: every class with its incident types, using the official identifiers
 * (https://github.com/enisaeu/Reference-Security-Incident-Taxonomy-Task-Force, working_copy/machinev1,
 * as published in MISP's `rsit` taxonomy). Import-free so the web client can use it as it is.
 * RSIT has no ransomware or defacement type: both are `information-content-security/
 * unauthorised-information-modification` (the official description names them).
 */
export const RSIT_VERSION = 1003;

export const RSIT_TAXONOMY = {
  'abusive-content': ['spam', 'harmful-speech', 'violence'],
  'malicious-code': ['infected-system', 'c2-server', 'malware-distribution', 'malware-configuration'],
  'information-gathering': ['scanner', 'sniffing', 'social-engineering'],
  'intrusion-attempts': ['ids-alert', 'brute-force', 'exploit'],
  intrusions: [
    'privileged-account-compromise',
    'unprivileged-account-compromise',
    'application-compromise',
    'system-compromise',
    'burglary',
  ],
  availability: ['dos', 'ddos', 'misconfiguration', 'sabotage', 'outage'],
  'information-content-security': [
    'unauthorised-information-access',
    'unauthorised-information-modification',
    'data-loss',
    'data-leak',
  ],
  fraud: ['unauthorised-use-of-resources', 'copyright', 'masquerade', 'phishing'],
  vulnerable: [
    'weak-crypto',
    'ddos-amplifier',
    'potentially-unwanted-accessible',
    'information-disclosure',
    'vulnerable-system',
  ],
  other: ['other', 'undetermined'],
  test: ['test'],
} as const;

export type RsitClass = keyof typeof RSIT_TAXONOMY;
export type RsitType<C extends RsitClass = RsitClass> = (typeof RSIT_TAXONOMY)[C][number];
export type RsitPair = { class: RsitClass; type: RsitType };

export const RSIT_CLASSES = Object.keys(RSIT_TAXONOMY) as RsitClass[];

/** Every `class/type` pair, e.g. `availability/ddos`. */
export const RSIT_PAIRS: readonly string[] = RSIT_CLASSES.flatMap((c) =>
  RSIT_TAXONOMY[c].map((t: string) => `${c}/${t}`),
);

export function isRsitClass(value: string): value is RsitClass {
  return Object.hasOwn(RSIT_TAXONOMY, value);
}

/** Whether `type` is one of the types RSIT lists under `cls` (types are only valid in their class). */
export function isRsitPair(cls: string, type: string): boolean {
  if (!isRsitClass(cls)) return false;
  return (RSIT_TAXONOMY[cls] as readonly string[]).includes(type);
}
