/**
 * The calendar `npm test` runs the date-sensitive suites under, besides today: each clock is
 * set for the whole Jest run (workers, the app tests' server processes, the identity provider,
 * and embedded PGlite where it is used) by libfaketime, and the machine's time zone is changed
 * with it, so a test that passes or fails by the date, the time of day or the zone shows here. (The PostgreSQL
 * server keeps its own clock: the product passes it the instant it means.)
 *
 * Date-sensitive: every suite that formats or compares instants, counts down to a deadline,
 * re-dates the demo campaigns, or times pushes on the real clock. (The reminder queue's own
 * suite runs on the real clock with quiet hours off; when reminders fall is types/reminders'.)
 */
const CLOCKS = [
  // a day of the month written with one digit, on a machine in the earliest zone on Earth
  // (UTC+14: already the 4th there; the main runs cover a machine on UTC)
  { at: '2026-12-03T13:10:00+08:00', zone: 'Pacific/Kiritimati' },
  // a day written with two digits, on a machine where it is still the day before (California)
  { at: '2027-01-10T09:00:00+08:00', zone: 'America/Los_Angeles' },
  // the last minute of the year in Shanghai (still the afternoon in UTC)
  { at: '2026-12-31T23:59:30+08:00', zone: 'Asia/Shanghai' }
]

/** [Jest projects, test path patterns] */
const CALENDAR_SUITES = [
  [['types', 'server'], ['test/types/(time|deadline|status|reminders|campaigns)\\.test', 'test/server/(campaigns|push-drain|first-paint)\\.test']],
  [['app'], ['test/app/(campaign-list|campaign-detail|countdown-skew-.*|status|messages)\\.test']]
]

const FAKETIME_LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1'

module.exports = { CLOCKS, CALENDAR_SUITES, FAKETIME_LIB }
