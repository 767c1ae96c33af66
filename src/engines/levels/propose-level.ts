/**
 * The NĐ 85/2016 level criteria (Điều 7–11) as a walk-through: facts about a system → the proposed
 * security level and the criteria that led there. The owner decides the level; this only proposes.
 * Pure and import-free, so the web form runs the same function.
 */

export type HarmToDefence = 'none' | 'harm' | 'serious' | 'especially-serious';
export type InfrastructureScope = 'none' | 'one-agency' | 'sector-or-province' | 'national';
/** Grade of the construction works an industrial control system serves. */
export type IcsWorksGrade = 'none' | 'grade-2-4' | 'grade-1' | 'special';

export type LevelFacts = {
  /** the system handles state secrets (bí mật nhà nước) */
  stateSecrets: boolean;
  /** what a breach would do to national defence and security */
  harmToDefence: HarmToDefence;
  /** private or personal information (thông tin riêng, cá nhân) beyond public information */
  privateOrPersonalData: boolean;
  /** highest online public-service level offered (mức độ dịch vụ công trực tuyến), 0 = none */
  onlinePublicServiceLevel: 0 | 1 | 2 | 3 | 4;
  /** online services for conditional business lines (ngành nghề kinh doanh có điều kiện) */
  conditionalBusinessServices: boolean;
  /** other (non-conditional) online services to people and businesses */
  otherOnlineServices: boolean;
  /** number of users whose personal data the system holds */
  personalDataUsers: number;
  /** infrastructure shared by whom */
  infrastructureScope: InfrastructureScope;
  /** national e-government system that must run 24/7 without unplanned downtime */
  nationalEGovernment24x7: boolean;
  /** national central storage of especially important data */
  nationalCentralStorage: boolean;
  /** international interconnection infrastructure */
  internationalInterconnection: boolean;
  icsWorksGrade: IcsWorksGrade;
  /** placed on level 5 by decision of the Prime Minister */
  primeMinisterDecision: boolean;
};

export type SecurityLevel = 1 | 2 | 3 | 4 | 5;
/** `key` is an i18n message key under `levelHelper.reason.` (vi and en in the web). */
export type LevelReason = { level: SecurityLevel; article: string; key: string };
export type LevelProposal = { level: SecurityLevel; reasons: LevelReason[] };

export const EMPTY_FACTS: LevelFacts = {
  stateSecrets: false,
  harmToDefence: 'none',
  privateOrPersonalData: false,
  onlinePublicServiceLevel: 0,
  conditionalBusinessServices: false,
  otherOnlineServices: false,
  personalDataUsers: 0,
  infrastructureScope: 'none',
  nationalEGovernment24x7: false,
  nationalCentralStorage: false,
  internationalInterconnection: false,
  icsWorksGrade: 'none',
  primeMinisterDecision: false,
};

const ARTICLE: Record<SecurityLevel, string> = { 1: 'Điều 7', 2: 'Điều 8', 3: 'Điều 9', 4: 'Điều 10', 5: 'Điều 11' };

type Criterion = { level: SecurityLevel; key: string; met: (f: LevelFacts) => boolean };

const CRITERIA: Criterion[] = [
  { level: 5, key: 'especiallySeriousHarm', met: (f) => f.harmToDefence === 'especially-serious' },
  { level: 5, key: 'nationalCentralStorage', met: (f) => f.nationalCentralStorage },
  { level: 5, key: 'internationalInterconnection', met: (f) => f.internationalInterconnection },
  { level: 5, key: 'icsSpecialWorks', met: (f) => f.icsWorksGrade === 'special' },
  { level: 5, key: 'primeMinisterDecision', met: (f) => f.primeMinisterDecision },
  { level: 4, key: 'seriousHarm', met: (f) => f.harmToDefence === 'serious' },
  { level: 4, key: 'nationalEGovernment', met: (f) => f.nationalEGovernment24x7 },
  { level: 4, key: 'nationwideInfrastructure', met: (f) => f.infrastructureScope === 'national' },
  { level: 4, key: 'icsGrade1Works', met: (f) => f.icsWorksGrade === 'grade-1' },
  { level: 3, key: 'stateSecrets', met: (f) => f.stateSecrets },
  { level: 3, key: 'harmToDefence', met: (f) => f.harmToDefence === 'harm' },
  { level: 3, key: 'publicServiceLevel3', met: (f) => f.onlinePublicServiceLevel >= 3 },
  { level: 3, key: 'conditionalBusiness', met: (f) => f.conditionalBusinessServices },
  { level: 3, key: 'personalData10k', met: (f) => f.personalDataUsers >= 10_000 },
  { level: 3, key: 'sharedInfrastructure', met: (f) => f.infrastructureScope === 'sector-or-province' },
  { level: 3, key: 'icsGrade2to4Works', met: (f) => f.icsWorksGrade === 'grade-2-4' },
  { level: 2, key: 'privateData', met: (f) => f.privateOrPersonalData },
  {
    level: 2,
    key: 'publicServiceLevel2',
    met: (f) => f.onlinePublicServiceLevel >= 1 && f.onlinePublicServiceLevel <= 2,
  },
  { level: 2, key: 'otherOnlineServices', met: (f) => f.otherOnlineServices },
  { level: 2, key: 'personalDataUnder10k', met: (f) => f.personalDataUsers > 0 && f.personalDataUsers < 10_000 },
  { level: 2, key: 'agencyInfrastructure', met: (f) => f.infrastructureScope === 'one-agency' },
];

/** The highest level any criterion reaches, with every criterion met at that level. */
export function proposeLevel(facts: LevelFacts): LevelProposal {
  const met = CRITERIA.filter((c) => c.met(facts));
  const level = Math.max(1, ...met.map((c) => c.level)) as SecurityLevel;
  const reasons = met
    .filter((c) => c.level === level)
    .map((c) => ({ level: c.level, article: ARTICLE[c.level], key: c.key }));
  if (reasons.length === 0) reasons.push({ level: 1, article: ARTICLE[1], key: 'publicInformationOnly' });
  return { level, reasons };
}

/** Every reason key the function can give (the web keeps a message for each). */
export const LEVEL_REASON_KEYS = ['publicInformationOnly', ...CRITERIA.map((c) => c.key)];
