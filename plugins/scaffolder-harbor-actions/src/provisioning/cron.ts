/**
 * Harbor's schedules: 6-field cron with seconds first, and the seconds must be `0` (harbor-api.md §5, src).
 */

export const CRON_RULE =
  "Harbor's 6-field cron with seconds first and the seconds always 0 (e.g. '0 0 2 * * *' for 02:00 daily), or @hourly, @daily, @weekly, or '' for manual runs only";

const PRESETS: Record<string, string> = {
  '@hourly': '0 0 * * * *',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@weekly': '0 0 0 * * 0',
  '@monthly': '0 0 0 1 * *',
};

// seconds, minutes, hours, day of month, month, day of week
const RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];
const NAMES = [
  'second',
  'minute',
  'hour',
  'day of month',
  'month',
  'day of week',
];

function fieldError(field: string, index: number): string | undefined {
  const [min, max] = RANGES[index];
  for (const part of field.split(',')) {
    const match = /^(\*|\?|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match)
      return `the ${NAMES[index]} field '${field}' is not a cron field`;
    const [, , from, to, step] = match;
    const bounds = [from, to].filter(v => v !== undefined).map(Number);
    if (bounds.some(v => v < min || v > max)) {
      return `the ${NAMES[index]} field '${field}' is outside ${min}-${max}`;
    }
    if (step !== undefined && Number(step) === 0) {
      return `the ${NAMES[index]} field '${field}' has a step of 0`;
    }
    if (to !== undefined && Number(from) > Number(to)) {
      return `the ${NAMES[index]} field '${field}' is a backwards range`;
    }
  }
  return undefined;
}

/** The cron to send to Harbor ('' for manual), or what is wrong with the schedule. */
export function parseHarborCron(
  value: string,
): { cron: string } | { error: string } {
  const text = value.trim();
  if (text === '') return { cron: '' };
  const preset = PRESETS[text.toLowerCase()];
  if (preset) return { cron: preset };
  const fields = text.split(/\s+/);
  if (fields.length === 5) {
    return {
      error: `'${value}' has 5 fields; Harbor wants 6 with seconds first: write '0 ${text}'`,
    };
  }
  if (fields.length !== 6) {
    return { error: `'${value}' is not ${CRON_RULE}` };
  }
  if (fields[0] !== '0') {
    return {
      error: `'${value}' has '${fields[0]}' as seconds; Harbor requires the seconds field to be 0`,
    };
  }
  for (let i = 1; i < 6; i++) {
    const error = fieldError(fields[i], i);
    if (error) return { error: `'${value}': ${error}` };
  }
  return { cron: fields.join(' ') };
}
