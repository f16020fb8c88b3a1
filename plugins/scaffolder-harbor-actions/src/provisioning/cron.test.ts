import { parseHarborCron } from './cron';

describe('parseHarborCron', () => {
  it.each([
    ['0 0 2 * * *', '0 0 2 * * *'],
    ['0  */15 * * * 1-5', '0 */15 * * * 1-5'],
    ['@daily', '0 0 0 * * *'],
    ['@weekly', '0 0 0 * * 0'],
    ['', ''],
  ])('accepts %j as %j', (text, cron) => {
    expect(parseHarborCron(text)).toEqual({ cron });
  });

  it.each([
    ['0 2 * * *', "write '0 0 2 * * *'"],
    ['5 0 2 * * *', 'Harbor requires the seconds field to be 0'],
    ['0 60 * * * *', 'the minute field'],
    ['0 0 0 0 * *', 'the day of month field'],
    ['0 0 0 * 13 *', 'the month field'],
    ['0 0 0 * * 7', 'the day of week field'],
    ['0 0 5-2 * * *', 'backwards range'],
    ['0 */0 * * * *', 'a step of 0'],
    ['0 0 0 * * * *', "Harbor's 6-field cron"],
    ['daily', "Harbor's 6-field cron"],
  ])('rejects %j, saying why', (text, why) => {
    const parsed = parseHarborCron(text);
    expect('error' in parsed && parsed.error).toContain(why);
  });
});
