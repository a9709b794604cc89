/**
 * micromark's `EditMap.consume` rebuilds the whole list of events for every
 * batch of edits, even when every edit lies in the last few events: it copies
 * the events before the first edit out and back in. micromark's setext
 * heading resolver calls it on the events of the whole document so far, once
 * a heading, so a document of setext headings (and of task items with a
 * nested item each) parsed in time that grew with the square of its length:
 * ten times the headings took about a hundred times as long, 10,000 of them
 * (50 KB) 30 s.
 *
 * The consume below leaves the events before the first edit where they are
 * and rebuilds only the rest, in the same order, so the result is the same
 * list; its cost is that of the edits and the events after them. It replaces
 * the method on the class micromark imports (one copy of
 * micromark-util-edit-map, a dependency of this package too), once, when
 * this module loads.
 */
import {EditMap} from 'micromark-util-edit-map'

type Events = Parameters<EditMap['consume']>[0]

function consumeFromFirstEdit(this: EditMap, events: Events): undefined {
  const map = this.map
  map.sort((a, b) => a[0] - b[0])
  if (map.length === 0) return
  // Back to front, as micromark does: each tail is cut off before the edit in front of it changes the indices.
  const pieces: Events[] = []
  for (let index = map.length - 1; index >= 0; index--) {
    // Each entry is [index, count of events removed there, events inserted there].
    const [at, remove, add] = map[index]!
    pieces.push(events.slice(at + remove), add)
    events.length = at
  }
  for (let piece = pieces.pop(); piece; piece = pieces.pop()) {
    for (const event of piece) events.push(event)
  }
  map.length = 0
  this.index.clear()
}

EditMap.prototype.consume = consumeFromFirstEdit
