import { describe, expect, it } from 'vitest'
import { TimestampRecognizer } from '../../src/ingest/timestamp-recognizer.js'

const now = new Date('2026-12-03T12:00:00Z')

function isoOf(line: string): string | undefined {
  const match = new TimestampRecognizer(now).read(line)
  return match === undefined ? undefined : new Date(match.millis).toISOString()
}

describe('TimestampRecognizer', () => {
  it.each([
    ['2024-03-01T10:20:30Z started', '2024-03-01T10:20:30.000Z'],
    ['2024-03-01T10:20:30.123456+02:00 started', '2024-03-01T08:20:30.123Z'],
    ['2024-03-01 10:20:30,978 INFO started', '2024-03-01T10:20:30.978Z'],
    ['2024-03-01 10:20:30 -0700 started', '2024-03-01T17:20:30.000Z'],
    ['[2024-03-01 10:20:30] production.ERROR: boom', '2024-03-01T10:20:30.000Z'],
    ['2024/03/01 10:20:30 go log line', '2024-03-01T10:20:30.000Z'],
    ['081109 203615 148 INFO dfs.DataNode: x', '2008-11-09T20:36:15.000Z'],
    ['17/06/09 20:10:40 INFO spark.SecurityManager: x', '2017-06-09T20:10:40.000Z'],
    ['[Sun Dec 04 04:47:44 2005] [notice] ok', '2005-12-04T04:47:44.000Z'],
    ['[Wed Oct 11 14:32:52.123456 2000] [core:error] x', '2000-10-11T14:32:52.123Z'],
    ['2005-06-03-15.42.50.363779 R02 RAS KERNEL INFO x', '2005-06-03T15:42:50.363Z'],
    [
      '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02 RAS',
      '2005-06-03T22:42:50.675Z',
    ],
    [
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
      '2000-10-10T20:55:36.000Z',
    ],
  ])('reads %j', (line, expected) => {
    expect(isoOf(line)).toBe(expected)
  })

  it('gives a syslog time the current year when that is not in the future', () => {
    expect(isoOf('Jun 14 15:16:01 combo sshd[1]: x')).toBe('2026-06-14T15:16:01.000Z')
  })

  it('gives a syslog time last year when this year would put it more than a day ahead', () => {
    expect(isoOf('Dec 10 06:55:46 LabSZ sshd[24200]: x')).toBe('2025-12-10T06:55:46.000Z')
  })

  it('keeps a syslog time less than a day ahead in the current year, allowing for clock skew', () => {
    expect(isoOf('Dec  3 23:00:00 host app: x')).toBe('2026-12-03T23:00:00.000Z')
  })

  it.each([
    ['2024-02-30T10:00:00Z no such day'],
    ['2024-13-01T10:00:00Z no such month'],
    ['2024-01-01T25:00:00Z no such hour'],
    ['Foo 14 15:16:01 not a month'],
    ['991399 203615 not a compact date'],
    ['0099-01-01T00:00:00Z before the store holds'],
    ['plain words with no time at all'],
    [''],
  ])('finds no timestamp in %j', (line) => {
    expect(isoOf(line)).toBeUndefined()
  })

  it('reports where the timestamp ends so the header can be read after it', () => {
    const match = new TimestampRecognizer(now).read('2024-03-01 10:20:30,978 INFO x')

    expect(match?.end).toBe('2024-03-01 10:20:30,978'.length)
  })

  it('reads each line of a mixed file by its own layout', () => {
    const recognizer = new TimestampRecognizer(now)

    const first = recognizer.read('081109 203615 x')
    const second = recognizer.read('2024-03-01T10:20:30Z x')
    const third = recognizer.read('081109 203616 x')

    expect(first?.millis).toBe(Date.parse('2008-11-09T20:36:15Z'))
    expect(second?.millis).toBe(Date.parse('2024-03-01T10:20:30Z'))
    expect(third?.millis).toBe(Date.parse('2008-11-09T20:36:16Z'))
  })
})
