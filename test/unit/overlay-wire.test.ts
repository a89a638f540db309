/**
 * The open documents' texts on their way to the analysis worker (lsp/overlay-wire.ts): each text
 * crosses once, what arrives is what was sent, a closed document is forgotten at both ends, and a
 * failed request makes the next one carry every text.
 */
import { strict as assert } from 'node:assert';
import type { Job } from '../../server/src/lsp/engine';
import { OverlayReceiver, OverlaySender, type WireJob } from '../../server/src/lsp/overlay-wire';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';

const RULES = '/w/ruleset.nft';
const COMPOSE = '/w/compose.yaml';
const OTHER = '/w/other/compose.yaml';

/** The jobs of one round: every job carries the same overlay array, as the workspace makes them. */
function round(texts: readonly (readonly [string, string])[], dirs: readonly string[] = ['/w']): Job[] {
  const overlay = texts.map(([f, t]) => [f, t] as const);
  const versions = texts.map(([f]) => [f, 1] as const);
  return dirs.map((d) => ({ entry: { directory: d, root: d, composeFiles: [], rulesets: [] }, settings: DEFAULT_SETTINGS, overlay, versions, env: {} }));
}

/** What the worker receives: packed, cloned as a message is, unpacked. */
function send(s: OverlaySender, r: OverlayReceiver, jobs: readonly Job[]): { wire: WireJob[]; got: Job[] } {
  const wire = structuredClone(s.pack(jobs));
  return { wire, got: r.unpack(wire) };
}

const textsOf = (jobs: readonly { overlay: readonly (readonly [string, string | null])[] }[]): (string | null)[][] => jobs.map((j) => j.overlay.map(([, t]) => t));

describe('overlay texts to the analysis worker', () => {
  it('sends a text once, then null while it is unchanged; the worker gets every text back', () => {
    const s = new OverlaySender();
    const r = new OverlayReceiver();
    const rules = 'table inet f {\n}\n'.repeat(1000);
    const first = send(s, r, round([[RULES, rules], [COMPOSE, 'services: {}\n']]));
    assert.deepEqual(textsOf(first.wire), [[rules, 'services: {}\n']]);
    assert.deepEqual(textsOf(first.got), [[rules, 'services: {}\n']]);

    // a compose keystroke: the ruleset does not cross again
    const second = send(s, r, round([[RULES, rules], [COMPOSE, 'services: {a: {}}\n']]));
    assert.deepEqual(textsOf(second.wire), [[null, 'services: {a: {}}\n']]);
    assert.deepEqual(textsOf(second.got), [[rules, 'services: {a: {}}\n']]);

    // an equal text that is another string object counts as the same text
    const copy = `${rules.slice(0, 10)}${rules.slice(10)}`;
    const third = send(s, r, round([[RULES, copy], [COMPOSE, 'services: {a: {}}\n']]));
    assert.deepEqual(textsOf(third.wire), [[null, null]]);
    assert.deepEqual(textsOf(third.got), [[rules, 'services: {a: {}}\n']]);
  });

  it('packs the overlay the jobs of a round share once, and every job gets the texts', () => {
    const s = new OverlaySender();
    const r = new OverlayReceiver();
    const jobs = round([[RULES, 'a'], [COMPOSE, 'b']], ['/w', '/w/other']);
    const wire = s.pack(jobs);
    assert.equal(wire[0].overlay, wire[1].overlay, 'one packed overlay for both jobs');
    const got = r.unpack(structuredClone(wire));
    assert.deepEqual(textsOf(got), [['a', 'b'], ['a', 'b']]);
    assert.deepEqual(
      got.map((j) => j.entry.directory),
      ['/w', '/w/other'],
    );
  });

  it('forgets a closed document at both ends: opened again, its text crosses again', () => {
    const s = new OverlaySender();
    const r = new OverlayReceiver();
    send(s, r, round([[RULES, 'rules'], [OTHER, 'other']]));
    // OTHER closed
    const closed = send(s, r, round([[RULES, 'rules']]));
    assert.deepEqual(textsOf(closed.wire), [[null]]);
    // OTHER opened again with the same text: sent, and received
    const reopened = send(s, r, round([[RULES, 'rules'], [OTHER, 'other']]));
    assert.deepEqual(textsOf(reopened.wire), [[null, 'other']]);
    assert.deepEqual(textsOf(reopened.got), [['rules', 'other']]);
  });

  it('a receiver that does not hold a text says so; after a reset every text crosses again', () => {
    const s = new OverlaySender();
    send(s, new OverlayReceiver(), round([[RULES, 'rules']]));
    // a receiver that missed the first message (the request failed in between)
    const fresh = new OverlayReceiver();
    assert.throws(() => fresh.unpack(structuredClone(s.pack(round([[RULES, 'rules']])))), /holds no text of \/w\/ruleset\.nft/);
    s.reset();
    const again = send(s, fresh, round([[RULES, 'rules']]));
    assert.deepEqual(textsOf(again.wire), [['rules']]);
    assert.deepEqual(textsOf(again.got), [['rules']]);
  });
});
