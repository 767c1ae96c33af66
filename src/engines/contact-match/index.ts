export { emailPattern, normaliseEmailValue } from './email.ts';
export { decodeEntities } from './entities.ts';
export {
  type ContactValue,
  type MatchResult,
  matchContacts,
  registeredValues,
  showsEmail,
  showsPhone,
} from './match.ts';
export { formatNsn, normalisePhone, phonePattern } from './phone.ts';
