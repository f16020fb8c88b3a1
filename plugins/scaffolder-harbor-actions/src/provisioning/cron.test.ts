import { parseHarborCron } from './cron';

describe('parseHarborCron', () => {
  it.each([
    ['0 0 2 * * *', '0 0 2 * * *'],
    ['0  */15 * * * 1-5', '0 */15 * * * 1-5'],
    ['@daily', '0 0 0 * * *'],
    ['@weekly', '0 0 0 * * 0'],
    ['@hourly', '0 0 * * * *'],
    ['@midnight', '0 0 0 * * *'],
    ['@monthly', '0 0 0 1 * *'],
    ['@DAILY', '0 0 0 * * *'],
    [' 0 0 2 * * * ', '0 0 2 * * *'],
    ['0 59 23 31 12 6', '0 59 23 31 12 6'],
    ['0 30 10-12 1-15 * *', '0 30 10-12 1-15 * *'],
    ['0 0 5-5 * * ?', '0 0 5-5 * * ?'],
    ['0 0 1-23/2 * * *', '0 0 1-23/2 * * *'],
    ['0 0,30 * * * *', '0 0,30 * * * *'],
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
    // robfig/cron (Harbor's parser) refuses a backwards range with a step too: getRange, "beyond end of range".
    ['0 0 10-5/2 * * *', 'backwards range'],
    ['0 0 24 * * *', "the hour field '24' is outside 0-23"],
    ['0 0 x * * *', "'0 0 x * * *': the hour field 'x' is not a cron field"],
    ['0 0 x5 * * *', 'not a cron field'],
    ['0 0 5x * * *', 'not a cron field'],
    ['0 0 1,x * * *', 'not a cron field'],
    ['0 */0 * * * *', 'a step of 0'],
    ['0 0 0 * * * *', "Harbor's 6-field cron"],
    ['daily', "Harbor's 6-field cron"],
  ])('rejects %j, saying why', (text, why) => {
    const parsed = parseHarborCron(text);
    expect('error' in parsed && parsed.error).toContain(why);
  });
});
