/**
 * Which folders a monorepo's `workspaces` globs make workspaces, from the
 * folders' names alone, and which folders hold them.
 */
import {describe, expect, test} from 'vitest'
import {globParents, Monorepo} from '../src/workspace/monorepo.js'
import {WorkingTreeSource} from '../src/workspace/source.js'
import {makeWorkspace} from './helpers/workspace.js'

const keep = (folder: string) => ({[`${folder}/.keep`]: ''})

function workspaces(globs: string[], folders: string[]): readonly string[] {
  const root = makeWorkspace(
    Object.assign({'README.md': '# root\n', 'projects/notes.md': 'a file, not a folder\n'}, ...folders.map(keep))
  )
  return new Monorepo(new WorkingTreeSource(root), {configName: '.remarkrc.json', globs, outsideWorkspaces: 'no-plan'})
    .folders
}

describe('workspaces globs', () => {
  test('`*` takes the folders of a folder; one that holds another match only groups them', () => {
    expect(
      workspaces(
        ['projects/*', 'projects/labs/*'],
        ['projects/billing', 'projects/search', 'projects/labs/forecast', 'projects/labs/ingest']
      )
    ).toEqual(['projects/billing', 'projects/labs/forecast', 'projects/labs/ingest', 'projects/search'])
  })

  test('`!` leaves folders out; hidden folders and node_modules never match a wildcard; a literal folder is taken as named', () => {
    const folders = ['projects/billing', 'projects/old', 'projects/.cache', 'projects/node_modules', 'tools/cli']
    expect(workspaces(['projects/*', '!projects/old', 'tools/cli', 'tools/missing'], folders)).toEqual([
      'projects/billing',
      'tools/cli'
    ])
  })

  test('`?` matches one character of a name, `**` any depth', () => {
    const folders = ['apps/a1', 'apps/a22', 'services/deep/down/api', 'services/web']
    expect(workspaces(['apps/a?'], folders)).toEqual(['apps/a1'])
    expect(workspaces(['services/**/api'], folders)).toEqual(['services/deep/down/api'])
  })

  test('the folders that hold the workspaces, where paths written from them resolve', () => {
    expect(
      globParents(['projects/*', 'projects/labs/*', '!projects/old', 'tools/cli', 'services/**/api', '*'])
    ).toEqual(['projects', 'projects/labs', 'services', 'tools'])
  })
})
