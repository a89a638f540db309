/**
 * The packet-path picture and page (client/src/pure/path-svg.ts, path-html.ts): where each traffic
 * class's packet goes, what is drawn for it, how it is coloured, what is escaped, and the page's
 * Content-Security-Policy. Samples: helpers/client-samples.ts.
 */
import { strict as assert } from 'node:assert';
import { HOOK_TABLES, pathModel, renderPathSvg, verdictClass, type NodeId } from '../../client/src/pure/path-svg';
import { contentSecurityPolicy, linkedLocations, nonceFrom, renderMessagePage, renderPathPage } from '../../client/src/pure/path-html';
import { BARE_ACCEPT, FORWARD_ACCEPT, FORWARD_UNKNOWN, HOSTILE, LOCAL_DROP, RESULT, markupProblems } from './helpers/client-samples';

const ALL_NODES: NodeId[] = ['in', 'pre', 'route', 'input', 'local', 'forward', 'routeOut', 'post', 'out', 'output'];
const RES = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', scriptUri: 'https://res.test/media/path.js', styleUri: 'https://res.test/media/path.css' };

/** The `<g>` element of a node, with its attributes and content. */
function nodeGroup(svg: string, node: NodeId): string {
  const m = new RegExp(`<g class="([^"]*)" data-node="${node}" data-state="(\\w+)">([\\s\\S]*?)\\n</g>`).exec(svg);
  assert.ok(m, `node ${node} drawn`);
  return m[0];
}
const onEdges = (svg: string): string[] => [...svg.matchAll(/class="dw-edge dw-edge--on" data-edge="([^"]+)"/g)].map((m) => m[1].replace('&gt;', '>'));

describe('client: packet path model', () => {
  it('a forwarded, accepted class goes in → PREROUTING → routing → FORWARD → POSTROUTING → out', () => {
    const m = pathModel(FORWARD_ACCEPT);
    assert.deepEqual(m.route, ['in', 'pre', 'route', 'forward', 'routeOut', 'post', 'out']);
    assert.equal(m.final, 'out');
    // the deciding step is Docker's ACCEPT in FORWARD, not the POSTROUTING policy after it
    assert.equal(m.decisive, 5);
    assert.deepEqual([...m.edgeLabels], [['pre>route', ['dnat 203.0.113.10:5432 → 172.18.0.4:5432']]]);
    assert.equal(m.routeText, 'forward via br-3f2a');
  });

  it('a locally delivered class ends in INPUT when a rule there drops it', () => {
    const m = pathModel(LOCAL_DROP);
    assert.deepEqual(m.route, ['in', 'pre', 'route', 'input']);
    assert.equal(m.final, 'input');
    assert.equal(m.decisive, 1);
  });

  it('an unknown class stops at the undecided step; a table outside the standard set gets its own row', () => {
    const m = pathModel(FORWARD_UNKNOWN);
    assert.deepEqual(m.route, ['in', 'pre', 'route', 'forward']);
    assert.equal(m.final, 'forward');
    assert.equal(m.decisive, 2);
    const fwd = m.rows.get('forward')!;
    assert.deepEqual(fwd.map((r) => r.label), ['mangle', 'filter', 'ip docker-bridges']);
    assert.deepEqual(fwd[2].steps, [2]);
    assert.deepEqual(m.rows.get('pre')!.map((r) => r.label), ['raw', 'conntrack', 'mangle', 'nat', 'ip docker-bridges']);
  });

  it('a class with no steps still has a route and no deciding step', () => {
    const m = pathModel(BARE_ACCEPT);
    assert.equal(m.final, 'out');
    assert.equal(m.decisive, undefined);
  });

  it('a drop before routing ends the path at PREROUTING', () => {
    const m = pathModel({
      label: 'eth0',
      verdict: 'drop',
      delivery: null,
      summary: 'dropped in raw',
      steps: [{ hook: 'prerouting', family: 'ip', table: 'raw', chain: 'PREROUTING', text: '-p tcp --dport 5432 -j DROP', verdict: 'drop' }],
    });
    assert.deepEqual(m.route, ['in', 'pre']);
    assert.equal(m.final, 'pre');
    assert.deepEqual(m.rows.get('pre')![0].steps, [0]);
  });

  it('verdict classes', () => {
    assert.deepEqual(
      ['accept', 'drop', 'reject with icmp', 'unknown', 'jump DOCKER', 'goto x', 'return', 'continue', 'forward', 'local', 'queue'].map(verdictClass),
      ['accept', 'drop', 'drop', 'unknown', 'flow', 'flow', 'flow', 'flow', 'route', 'route', 'other'],
    );
  });
});

describe('client: packet path SVG', () => {
  for (const cls of RESULT.classes) {
    it(`is well-formed and draws every hook and standard table (${cls.label.slice(0, 20)})`, () => {
      const svg = renderPathSvg(cls, { idPrefix: 'p0' });
      assert.deepEqual(markupProblems(svg, false), []);
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      for (const n of ALL_NODES) nodeGroup(svg, n);
      for (const title of ['PREROUTING', 'Routing decision', 'INPUT', 'FORWARD', 'POSTROUTING', 'OUTPUT', 'Local process']) {
        assert.ok(svg.includes(`>${title}</text>`), title);
      }
      for (const [node, slots] of Object.entries(HOOK_TABLES)) {
        const g = nodeGroup(svg, node as NodeId);
        for (const s of slots) {
          assert.match(g, new RegExp(`class="dw-table"[^>]*>${s.table}\\b`), `${node} ${s.table}`);
          if (s.priority !== undefined) assert.ok(g.includes(`>${s.priority}</text>`), `${node} ${s.table} priority ${s.priority}`);
        }
      }
      // no colours or styles inline: the theme's CSS decides
      assert.doesNotMatch(svg, /\sstyle=|\sfill="#|\sstroke="#/);
    });
  }

  it('highlights the route, the final node with the verdict, and the deciding row', () => {
    const svg = renderPathSvg(FORWARD_ACCEPT, { idPrefix: 'p0' });
    assert.deepEqual(onEdges(svg), ['in>pre', 'pre>route', 'route>forward', 'forward>routeOut', 'routeOut>post', 'post>out']);
    assert.match(nodeGroup(svg, 'out'), /^<g class="dw-node dw-node--final dw-v--accept" data-node="out" data-state="final">/);
    assert.match(nodeGroup(svg, 'out'), /class="dw-verdict dw-v--accept"[^>]*>✓ accept</);
    assert.match(nodeGroup(svg, 'forward'), /data-state="passed"/);
    assert.match(nodeGroup(svg, 'input'), /data-state="idle"/);
    assert.match(nodeGroup(svg, 'forward'), /<g class="dw-row dw-row--hit dw-row--decisive dw-v--accept" data-step="5" data-uri="file:\/\/\/srv\/app\/compose\.yaml" data-line="12"/);
    assert.match(svg, /class="dw-rewrite"[^>]*>dnat 203\.0\.113\.10:5432 → 172\.18\.0\.4:5432</);
    assert.match(svg, /^<svg [^>]*class="dw-path dw-final--accept"/);
  });

  it('a drop is drawn in the drop class at the hook that dropped, and the path stops there', () => {
    const svg = renderPathSvg(LOCAL_DROP, { idPrefix: 'p1' });
    assert.deepEqual(onEdges(svg), ['in>pre', 'pre>route', 'route>input']);
    assert.match(nodeGroup(svg, 'input'), /^<g class="dw-node dw-node--final dw-v--drop"/);
    assert.match(nodeGroup(svg, 'input'), />✕ drop</);
    assert.match(nodeGroup(svg, 'local'), /data-state="idle"/);
    // the arrow into the dropping hook ends in the drop marker
    assert.match(svg, /data-edge="route>input">\n<line [^>]*marker-end="url\(#p1-arrow-drop\)"/);
    assert.match(svg, /<marker id="p1-arrow-drop" class="dw-arrowhead dw-arrowhead--drop"/);
    assert.match(svg, /class="dw-row dw-row--hit dw-row--decisive dw-v--drop"/);
  });

  it('unknown gets its own class; hostile text is escaped everywhere', () => {
    const svg = renderPathSvg(FORWARD_UNKNOWN, { idPrefix: 'p"2<' });
    assert.deepEqual(markupProblems(svg, false), []);
    assert.match(nodeGroup(svg, 'forward'), /dw-node--final dw-v--unknown/);
    assert.match(svg, />\? unknown</);
    assert.ok(!svg.includes('<script'), 'no raw script tag');
    assert.ok(svg.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;'), 'rule text escaped in the tooltip');
    assert.ok(svg.includes('data-uri="file:///srv/&quot;x&quot;&lt;y&gt;.nft"'), 'URI escaped in the attribute');
    // ids are sanitised
    assert.ok(svg.includes('id="p_2_-arrow-on"'));
    assert.ok(!svg.includes(HOSTILE));
  });

  it('ids differ per prefix so several pictures can share a page', () => {
    const a = renderPathSvg(FORWARD_ACCEPT, { idPrefix: 'dw0' });
    const b = renderPathSvg(FORWARD_ACCEPT, { idPrefix: 'dw1' });
    const ids = (s: string): string[] => [...s.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(ids(a).length >= 4);
    assert.deepEqual(ids(a).filter((i) => ids(b).includes(i)), []);
  });

  it('long rule text is clipped in the picture and kept whole in the tooltip', () => {
    const long = `ip saddr { ${Array.from({ length: 40 }, (_, i) => `10.${i}.0.0/16`).join(', ')} } drop`;
    const svg = renderPathSvg(
      { label: 'eth0', verdict: 'drop', delivery: null, summary: 's', steps: [{ hook: 'forward', family: 'inet', table: 'a-very-long-table-name-for-testing', chain: 'forward', text: long, verdict: 'drop' }] },
      { idPrefix: 'x' },
    );
    assert.ok(svg.includes(long), 'whole text in <title>');
    const row = /class="dw-table"[^>]*>(inet a-very[^<]*)</.exec(nodeGroup(svg, 'forward'));
    assert.ok(row && row[1].endsWith('…'), `clipped: ${row?.[1]}`);
  });
});

describe('client: packet path page', () => {
  const html = renderPathPage(RESULT, RES);

  it('is well-formed, has one option and one section per class, only the first shown', () => {
    assert.deepEqual(markupProblems(html, true), []);
    assert.equal([...html.matchAll(/<option /g)].length, RESULT.classes.length);
    const sections = [...html.matchAll(/<section class="dw-class" id="dw-class-(\d)" data-class="\d" data-verdict="(\w+)"( hidden)?>/g)];
    assert.deepEqual(
      sections.map((m) => [m[2], m[1], Boolean(m[3])]),
      [
        ['accept', '0', false],
        ['drop', '1', true],
        ['unknown', '2', true],
        ['accept', '3', true],
      ],
    );
    assert.equal([...html.matchAll(/<svg /g)].length, RESULT.classes.length);
    assert.match(html, /<span class="dw-counts">2 accept, 1 drop, 1 unknown<\/span>/);
  });

  it('has a strict CSP: nothing by default, the nonce for scripts, no inline code or styles', () => {
    const csp = contentSecurityPolicy(RES);
    assert.equal(csp.split('; ')[0], "default-src 'none'");
    assert.match(csp, /script-src 'nonce-a1b2c3d4e5f60718293a4b5c6d7e8f90'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp.replace(/'/g, '&#39;')}">`));
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0][1], ` nonce="${RES.nonce}" src="${RES.scriptUri}"`);
    assert.equal(scripts[0][2], '');
    assert.doesNotMatch(html, /<style|\son\w+=|\sstyle=|javascript:/i);
    // every loaded resource is one of the two given
    const refs = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(refs)].sort(), ['#', RES.scriptUri, RES.styleUri].sort());
  });

  it('links each rule back to its file and line, and marks the deciding step', () => {
    assert.match(html, /<a href="#" class="dw-loc" data-uri="file:\/\/\/srv\/app\/compose\.yaml" data-line="12" title="[^"]*">compose\.yaml:13<\/a>/);
    assert.match(html, /data-uri="file:\/\/\/srv\/app\/my%20rules\/nftables\.conf" data-line="7"[^>]*>nftables\.conf:8<\/a>/);
    assert.match(html, /<tr class="dw-step dw-v--accept dw-step--decisive" data-step="5">/);
    assert.match(html, /<tr class="dw-step dw-v--drop dw-step--decisive" data-step="1">/);
    assert.match(html, /<p class="dw-deciding">Decided by <code class="dw-rule">ip saddr 10\.0\.0\.0\/8 drop<\/code> in input <a /);
    assert.match(html, /No rule matched on this path/);
  });

  it('escapes every text from the server', () => {
    assert.ok(!html.includes(HOSTILE));
    assert.ok(!/<script>alert/.test(html));
    const hostile = renderPathPage({ title: HOSTILE, classes: [] }, RES);
    assert.deepEqual(markupProblems(hostile, true), []);
    assert.ok(!hostile.includes('<script>alert'));
    assert.match(hostile, /<h1>&lt;script&gt;/);
    assert.match(hostile, /nothing to draw/);
  });

  it('refuses a weak nonce; nonceFrom gives hex', () => {
    assert.throws(() => renderPathPage(RESULT, { ...RES, nonce: 'abc' }), /nonce/);
    assert.throws(() => renderPathPage(RESULT, { ...RES, nonce: `${RES.nonce}' 'unsafe-inline` }), /nonce/);
    assert.equal(nonceFrom(new Uint8Array([0, 1, 254, 255])), '0001feff');
  });

  it('message page', () => {
    const page = renderMessagePage('Packet path', 'There is <no> port', RES);
    assert.deepEqual(markupProblems(page, true), []);
    assert.match(page, /There is &lt;no&gt; port/);
  });

  it('linked locations are exactly the steps\' locations', () => {
    assert.deepEqual(
      [...linkedLocations(RESULT)].sort(),
      ['12@file:///srv/app/compose.yaml', '7@file:///srv/app/my%20rules/nftables.conf', '0@file:///srv/"x"<y>.nft'].sort(),
    );
  });
});
