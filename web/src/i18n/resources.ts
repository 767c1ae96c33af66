import enBase from './en.json';
import casesEn from './parts/cases.en.json';
import casesVi from './parts/cases.vi.json';
import caseworkEn from './parts/casework.en.json';
import caseworkVi from './parts/casework.vi.json';
import emailIntakeEn from './parts/email-intake.en.json';
import emailIntakeVi from './parts/email-intake.vi.json';
import intakeEn from './parts/intake.en.json';
import intakeVi from './parts/intake.vi.json';
import publicIntakeEn from './parts/public-intake.en.json';
import publicIntakeVi from './parts/public-intake.vi.json';
import siemEn from './parts/siem.en.json';
import siemVi from './parts/siem.vi.json';
import tasksEn from './parts/tasks.en.json';
import tasksVi from './parts/tasks.vi.json';
import viBase from './vi.json';

// One file per area (parts/<area>.<lang>.json), each under its own top-level key, so parallel work
// on different areas never edits the same dictionary.
export const vi = {
  ...viBase,
  intake: intakeVi,
  cases: casesVi,
  tasks: tasksVi,
  casework: caseworkVi,
  publicIntake: publicIntakeVi,
  emailIntake: emailIntakeVi,
  siem: siemVi,
};
export const en = {
  ...enBase,
  intake: intakeEn,
  cases: casesEn,
  tasks: tasksEn,
  casework: caseworkEn,
  publicIntake: publicIntakeEn,
  emailIntake: emailIntakeEn,
  siem: siemEn,
};

// Both dictionaries must have exactly the same keys: a key missing in either language is a
// compile error here.
const enHasAllKeys: typeof vi = en;
const viHasAllKeys: typeof en = vi;
void enHasAllKeys;
void viHasAllKeys;
