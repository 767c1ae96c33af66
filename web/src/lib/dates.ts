import dayjs, { type Dayjs } from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(customParseFormat);
dayjs.extend(utc);
dayjs.extend(timezone);

/** Every date and time in the interface is shown in Vietnam time. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const DATE_TIME_FORMAT = 'DD/MM/YYYY HH:mm';
export const DATE_FORMAT = 'DD/MM/YYYY';

/** ISO timestamp → `DD/MM/YYYY HH:mm` in Asia/Ho_Chi_Minh; empty values → em dash. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const parsed = dayjs.utc(value);
  return parsed.isValid() ? parsed.tz(TIME_ZONE).format(DATE_TIME_FORMAT) : value;
}

/** Calendar date `YYYY-MM-DD` → `DD/MM/YYYY` (no time-zone shift). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const parsed = dayjs(value, 'YYYY-MM-DD');
  return parsed.isValid() ? parsed.format(DATE_FORMAT) : value;
}

/** Calendar date `YYYY-MM-DD` → Dayjs for a DatePicker. */
export function parseCalendarDate(value: string | null | undefined): Dayjs | null {
  if (!value) return null;
  const parsed = dayjs(value, 'YYYY-MM-DD');
  return parsed.isValid() ? parsed : null;
}

/** DatePicker value → calendar date `YYYY-MM-DD`. */
export function toCalendarDate(value: Dayjs | null | undefined): string | null {
  return value ? value.format('YYYY-MM-DD') : null;
}

/** Start of the given day in Vietnam time, as an ISO timestamp (UTC). */
export function startOfDayIso(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DD'), TIME_ZONE).startOf('day').toISOString();
}

/** Start of the day after the given day in Vietnam time, as an ISO timestamp (UTC). */
export function endOfDayIso(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DD'), TIME_ZONE).add(1, 'day').startOf('day').toISOString();
}

/** ISO timestamp → the calendar day it falls on in Vietnam time, for a DatePicker. */
export function isoToDay(value: string | null | undefined): Dayjs | null {
  if (!value) return null;
  const parsed = dayjs.utc(value);
  return parsed.isValid() ? dayjs(parsed.tz(TIME_ZONE).format('YYYY-MM-DD'), 'YYYY-MM-DD') : null;
}

/**
 * A date-time picker's value → ISO timestamp. The picker shows wall-clock time, which means Vietnam
 * time whatever the browser's own zone is.
 */
export function wallClockIso(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), TIME_ZONE).toISOString();
}

/** ISO timestamp → a picker value showing its Vietnam wall-clock time. */
export function isoToWallClock(value: string | null | undefined): Dayjs | null {
  if (!value) return null;
  const parsed = dayjs.utc(value);
  return parsed.isValid() ? dayjs(parsed.tz(TIME_ZONE).format('YYYY-MM-DDTHH:mm:ss')) : null;
}

export { dayjs };
