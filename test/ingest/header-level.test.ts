import { describe, expect, it } from 'vitest'
import { findHeaderLevel, readLevelToken } from '../../src/ingest/header-level.js'
import { readSyslogPriority } from '../../src/ingest/syslog-priority.js'

describe('findHeaderLevel', () => {
  it.each([
    ['148 INFO dfs.DataNode: PacketResponder 1 terminating', 'INFO'],
    ['- WARN  [SendWorker:1@688] - Send worker leaving thread', 'WARN'],
    ['WARNING [main] disk is filling up', 'WARN'],
    ['[error] mod_jk child workerEnv in error state 6', 'ERROR'],
    ['[notice] jk2_init() Found child 6725', 'INFO'],
    ['R02-M1-N0-C:J12-U11 RAS KERNEL FATAL data TLB error interrupt', 'FATAL'],
    ['R02-M1-N0-C:J12-U11 RAS KERNEL SEVERE machine check', 'ERROR'],
    ['CRITICAL: power supply lost', 'FATAL'],
    ['WARNING:root:low memory', 'WARN'],
    ['<debug> cache warmed', 'DEBUG'],
    ['TRACE entering loop', 'DEBUG'],
    ['error: pathspec did not match', 'ERROR'],
  ])('reads the level of %j', (header, level) => {
    expect(findHeaderLevel(header, 0)).toBe(level)
  })

  it.each([
    ['combo sshd(pam_unix)[19939]: authentication failure; ERROR later'],
    ['LabSZ sshd[24200]: error: Received disconnect'],
    ['instruction cache parity error corrected'],
    ['the request failed with an error'],
    ['Error reading the configuration file'],
    [''],
  ])('finds no level in %j', (header) => {
    expect(findHeaderLevel(header, 0)).toBeUndefined()
  })

  it('starts reading at the given index, past the timestamp', () => {
    const line = 'ERROR-free 2024 INFO ready'

    expect(findHeaderLevel(line, 'ERROR-free'.length)).toBe('INFO')
  })

  it('reads no further than the first header fields', () => {
    const line = 'a b c d e f g h i j ERROR'

    expect(findHeaderLevel(line, 0)).toBeUndefined()
  })
})

describe('readLevelToken', () => {
  it('takes an upper-case word and a delimited lower-case one, not a bare lower-case one', () => {
    expect(readLevelToken('ERR')).toBe('ERROR')
    expect(readLevelToken('(warn)')).toBe('WARN')
    expect(readLevelToken('warn')).toBeUndefined()
    expect(readLevelToken('INFORMATIONAL')).toBeUndefined()
  })
})

describe('readSyslogPriority', () => {
  it('reads the severity of a <PRI> prefix as the level', () => {
    expect(readSyslogPriority('<34>Oct 11 22:14:15 mymachine su: x')).toEqual({
      level: 'FATAL',
      end: 4,
    })
    expect(readSyslogPriority('<165>1 2003-10-11T22:14:15.003Z host app - - - x')).toEqual({
      level: 'INFO',
      end: 7,
    })
    expect(readSyslogPriority('<11>x')?.level).toBe('ERROR')
  })

  it('ignores what is not a priority', () => {
    expect(readSyslogPriority('<999>too large')).toBeUndefined()
    expect(readSyslogPriority('<html>')).toBeUndefined()
    expect(readSyslogPriority('plain')).toBeUndefined()
  })
})
