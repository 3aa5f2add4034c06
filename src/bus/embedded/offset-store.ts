import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { LogplatError } from '../../errors.js'

/** Committed offsets of one group: topic, then partition, then the next offset to read. */
type GroupOffsets = Record<string, Record<string, number>>

/** A committed position, with the offset as a number. */
export interface CommittedOffset {
  topic: string
  partition: number
  offset: number
}

const FILE_SUFFIX = '.json'

/**
 * The committed offsets of every consumer group, one JSON file per group.
 * A commit writes a temporary file and renames it over the old one, so a
 * crash leaves either the previous commit or the new one, never half of each.
 */
export class OffsetStore {
  private readonly groups = new Map<string, GroupOffsets>()

  constructor(private readonly folder: string) {
    mkdirSync(folder, { recursive: true })
    for (const name of readdirSync(folder)) this.load(name)
  }

  /** The next offset `groupId` will read from a partition, if it ever committed one. */
  committed(groupId: string, topic: string, partition: number): number | undefined {
    return this.groups.get(groupId)?.[topic]?.[partition]
  }

  /** Every group that has committed an offset for `topic`. */
  groupsReading(topic: string): string[] {
    return [...this.groups].filter(([, offsets]) => topic in offsets).map(([groupId]) => groupId)
  }

  /** Records and persists new committed offsets for a group. */
  commit(groupId: string, offsets: CommittedOffset[]): void {
    const group = structuredClone(this.groups.get(groupId) ?? {})
    for (const { topic, partition, offset } of offsets) {
      group[topic] = { ...group[topic], [partition]: offset }
    }

    const path = join(this.folder, encodeURIComponent(groupId) + FILE_SUFFIX)
    const temporaryPath = `${path}.tmp`
    writeFileSync(temporaryPath, JSON.stringify(group))
    renameSync(temporaryPath, path)

    this.groups.set(groupId, group)
  }

  private load(name: string): void {
    const path = join(this.folder, name)
    if (name.endsWith('.tmp')) {
      rmSync(path, { force: true })
      return
    }
    if (!name.endsWith(FILE_SUFFIX)) return

    const groupId = decodeURIComponent(name.slice(0, -FILE_SUFFIX.length))
    try {
      this.groups.set(groupId, JSON.parse(readFileSync(path, 'utf8')) as GroupOffsets)
    } catch (error) {
      throw new LogplatError(
        'BUS',
        'OFFSETS_UNREADABLE',
        `Cannot read the committed offsets of consumer group ${groupId} from ${path}; ` +
          'fix or delete the file (the group then starts over).',
        { cause: error },
      )
    }
  }
}
