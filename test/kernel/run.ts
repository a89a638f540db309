/**
 * Kernel-differential tests: every scenario is loaded into a real host namespace, its probes are
 * sent, and where each packet arrived is compared with the documented expectation, with the other
 * forms of the same ruleset, and with the simulator. The receiving side answers each probe that
 * arrived (SYN-ACK, reply datagram); whether that answer got back to the sender is compared the
 * same way with the simulator's `reply` (a second comparison per answered probe).
 *
 *   npm run test:kernel [-- --quick] [-- --replay FILE] [-- --workers N] [-- --count N] [-- --pairs N] [-- --only SOURCE]
 *   KERNEL_SEED=1234 npm run test:kernel
 *
 * Needs root, nftables, iptables, conntrack, iproute2 and python3; otherwise it prints why and
 * exits 0 with `0 passed, 0 failed`. The last line is always `N passed, N failed` (N = comparisons:
 * probes, and answers of probes that arrived); the exit code is non-zero on any disagreement or harness error.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { HarnessError } from './exec';
import { composeScenarios } from './scenarios/compose';
import { generatedScenarios } from './scenarios/generated';
import { goldenScenarios } from './scenarios/golden';
import { impliedScenarios } from './scenarios/implied';
import { nftDrawnScenarios } from './scenarios/nft-drawn';
import { nftStatefulScenarios } from './scenarios/nft-stateful';
import { oracleScenarios } from './scenarios/oracle';
import { seedScenarios } from './scenarios/seed';
import { realworldScenarios } from './scenarios/realworld';
import { HostFirewall, usesLegacy } from './loader';
import { Prober, listenPorts } from './prober';
import { type Outcome, type Probe, type Scenario, outcomeText, probeText, replyBack, replyText } from './scenario';
import { replyScenarios } from './scenarios/replies';
import { type Simulator, type SimAnswer, loadSimulator } from './sim';
import { Topology, legacyUnavailable, netnsUnavailable } from './topology';

interface Checked {
  readonly scenario: Scenario;
  readonly outcomes?: readonly Outcome[];
  readonly error?: string;
}

interface Problem {
  readonly scenario: Scenario;
  readonly probe?: number;
  readonly kind: 'expectation' | 'forms' | 'simulator' | 'reply' | 'harness';
  readonly message: string;
  readonly sim?: SimAnswer;
}

const FAILURE_DIR = path.join(__dirname, 'failures');

function line(s = ''): void {
  process.stdout.write(s + '\n');
}

function finish(passed: number, failed: number, code: number): never {
  line(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

async function main(): Promise<void> {
  const started = Date.now();
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      replay: { type: 'string' },
      workers: { type: 'string' },
      count: { type: 'string' },
      pairs: { type: 'string' },
      'reply-count': { type: 'string' },
      only: { type: 'string' },
      wait: { type: 'string' },
      verbose: { type: 'boolean', short: 'v', default: false },
    },
  });
  const runId = `dwk${process.pid % 100000}`;
  const why = await netnsUnavailable(runId);
  if (why) {
    line(`kernel tests skipped: ${why}`);
    finish(0, 0, 0);
  }
  const legacyWhy = await legacyUnavailable(runId);
  if (legacyWhy) line(`iptables-legacy is not usable on this kernel (${legacyWhy}); legacy forms are skipped`);

  // ---- scenarios
  let scenarios: Scenario[] = [];
  const seedText = process.env.KERNEL_SEED;
  const seed = seedText !== undefined && /^\d+$/.test(seedText) ? Number(seedText) : Math.floor(Math.random() * 2 ** 31);
  if (values.replay) {
    const saved = JSON.parse(readFileSync(values.replay, 'utf8')) as { scenario: Scenario };
    scenarios = [{ ...saved.scenario, group: undefined }];
    line(`replaying ${values.replay}: ${saved.scenario.name}`);
  } else {
    const count = values.count ? Number(values.count) : values.quick ? 40 : 300;
    for (const src of [oracleScenarios(), seedScenarios()]) {
      if (src.skipped) line(`note: ${src.skipped}`);
      scenarios.push(...src.scenarios);
    }
    scenarios.push(...realworldScenarios({ legacy: !legacyWhy }));
    scenarios.push(...impliedScenarios());
    scenarios.push(...nftStatefulScenarios());
    scenarios.push(...nftDrawnScenarios());
    line(`generated scenarios: ${count}, seed ${seed} (set KERNEL_SEED=${seed} to repeat)`);
    scenarios.push(...generatedScenarios(seed, count, { legacy: !legacyWhy }));
    const replyCount = values['reply-count'] ? Number(values['reply-count']) : values.quick ? 12 : 60;
    line(`reply scenarios: ${replyCount}, seed ${seed}`);
    scenarios.push(...replyScenarios(seed, replyCount, { legacy: !legacyWhy }));
    const golden = goldenScenarios();
    if (golden.skipped) line(`note: ${golden.skipped}`);
    scenarios.push(...golden.scenarios);
    const pairs = values.pairs ? Number(values.pairs) : values.quick ? 30 : 120;
    const compose = await composeScenarios(seed, pairs);
    line(`compose pairs: ${compose.pairs} (${pairs} generated), ${compose.classes} reach classes probed twice (with Docker, baseline), ${compose.bypass} bypass classes`);
    scenarios.push(...compose.scenarios);
    if (values.only) scenarios = scenarios.filter((s) => s.source === values.only || s.name.includes(values.only!));
  }
  if (legacyWhy) scenarios = scenarios.filter((s) => !usesLegacy(s.files));

  // ---- kernel runs
  const workers = Math.max(1, Math.min(values.workers ? Number(values.workers) : 4, scenarios.length || 1));
  const waitMs = values.wait ? Number(values.wait) : 250;
  const topos: Topology[] = [];
  const checked: Checked[] = new Array(scenarios.length);
  try {
    for (let w = 0; w < workers; w++) topos.push(new Topology(`${runId}w${w}`));
    await Promise.all(topos.map((t) => t.up()));
    let next = 0;
    await Promise.all(
      topos.map(async (topo, w) => {
        const fw = new HostFirewall(topo.ns.host, !legacyWhy);
        const prober = new Prober(topo, SPORT_BASE + w * SPORT_SPAN, SPORT_SPAN);
        const reserved = { lo: SPORT_BASE, hi: SPORT_BASE + workers * SPORT_SPAN };
        for (;;) {
          const i = next++;
          if (i >= scenarios.length) return;
          const sc = scenarios[i];
          try {
            await topo.configure(sc.layout);
            await topo.ensureSources(
              sc.probes.flatMap((p) => (p.src && (p.from === 'ext0' || p.from === 'ext1') ? [{ iface: p.from, addr: p.src }] : [])),
            );
            await fw.reset();
            await fw.load(sc.files);
            checked[i] = { scenario: sc, outcomes: await prober.probe(sc.probes, { waitMs, listen: listenPorts(sc, reserved) }) };
          } catch (e) {
            if (!(e instanceof HarnessError)) throw e;
            checked[i] = { scenario: sc, error: e.message };
          }
        }
      }),
    );
  } finally {
    for (const t of topos) await t.down();
  }
  const kernelDone = Date.now();

  // ---- comparisons
  const sim = await loadSimulator();
  if (!sim.simulator) line(`note: simulator comparison skipped: ${sim.reason}`);
  const problems: Problem[] = [];
  let passed = 0;
  let failed = 0;
  let unknowns = 0;
  let simCompared = 0;
  /** Reply comparisons with the simulator, and the probes whose reply was not compared (by cause). */
  const replies = { compared: 0, failed: 0, back: 0, unknown: 0, skipped: new Map<string, number>(), noListener: [] as string[] };
  const skipReply = (why: string): void => void replies.skipped.set(why, (replies.skipped.get(why) ?? 0) + 1);
  const unknownList: string[] = [];
  /** Simulator comparisons and unknowns per scenario source (the real-world rulesets get their own limit). */
  const simBySource = new Map<string, { compared: number; unknown: number }>();
  const simTally = (sc: Scenario, unknown: boolean): void => {
    const t = simBySource.get(sc.source) ?? { compared: 0, unknown: 0 };
    simBySource.set(sc.source, t);
    t.compared++;
    if (unknown) t.unknown++;
  };
  /** Probes whose expectation came from a model (the analysis) that answered unknown. */
  const modelUnknown = { count: 0, probes: 0, list: [] as string[] };
  const labels = new Map<string, { probes: number; agreed: number }>();
  const groups = new Map<string, Checked>();
  const perSource = new Map<string, { probes: number; replies: number; failed: number }>();

  /**
   * The reply comparisons of one probe (undefined: not compared). Only a probe that arrived is
   * answered; its answer is compared with the expectation's `reply` and with the simulator's
   * `reply`, when the simulator delivered the probe where the kernel did.
   */
  function compareReply(sc: Scenario, k: number, p: Probe, got: Outcome, answer: SimAnswer | undefined, expected: boolean | undefined): Problem[] | undefined {
    if (got.at === 'nowhere') {
      if (answer) skipReply('request did not arrive');
      return undefined;
    }
    if (got.reply?.kind === 'rst') {
      replies.noListener.push(`${sc.name}: ${probeText(p)} => ${outcomeText(got)}`);
      skipReply('answered by an RST (no listener: harness)');
      return undefined;
    }
    const back = replyBack(p, got);
    const out: Problem[] = [];
    let compared = false;
    if (expected !== undefined) {
      compared = true;
      if (expected !== back) out.push({ scenario: sc, probe: k, kind: 'expectation', message: `expected the reply ${expected ? 'back' : 'dropped'}, kernel: ${replyText(p, got)}` });
    }
    if (!answer) skipReply(p.from === 'host' ? 'sent by the host (output path, not simulated)' : 'not simulated (probe from a container on another layout)');
    else if (answer.verdict !== 'accept' || answer.at !== got.at) skipReply('simulator disagrees on the request');
    else if (!answer.reply) skipReply('simulator gave no reply');
    else if (answer.reply.elsewhere) skipReply('the host routes the reply out of the other client interface (a source of that link)');
    else if (answer.reply.verdict === 'unknown') {
      replies.unknown++;
      unknowns++;
      simCompared++;
      simTally(sc, true);
      unknownList.push(`${sc.name}: reply to ${probeText(p)}: ${answer.reply.reason ?? ''}`);
    } else {
      compared = true;
      simCompared++;
      simTally(sc, false);
      replies.compared++;
      if (back) replies.back++;
      if ((answer.reply.verdict === 'back') !== back) {
        replies.failed++;
        out.push({ scenario: sc, probe: k, kind: 'reply', message: `kernel: ${outcomeText(got)}, ${replyText(p, got)}; simulator: reply ${answer.reply.verdict}: ${answer.reply.summary}`, sim: answer });
      }
    }
    return compared ? out : undefined;
  }
  for (const c of checked) {
    const sc = c.scenario;
    const stats = perSource.get(sc.source) ?? { probes: 0, replies: 0, failed: 0 };
    perSource.set(sc.source, stats);
    if (!c.outcomes) {
      problems.push({ scenario: sc, kind: 'harness', message: c.error ?? 'not run' });
      failed += sc.probes.length;
      stats.failed += sc.probes.length;
      continue;
    }
    if (sc.unknown) modelUnknown.probes += sc.probes.length;
    const ref = sc.group ? groups.get(sc.group) : undefined;
    if (sc.group && !ref) groups.set(sc.group, c);
    const simAnswers = sim.simulator ? simulateAll(sim.simulator, sc) : undefined;
    if (values.verbose) {
      line(`${sc.name}:`);
      sc.probes.forEach((p, k) => {
        const o = c.outcomes![k];
        const a = simAnswers?.[k];
        line(`  ${probeText(p)} => ${outcomeText(o)}${a ? `  [sim: ${a.summary}]` : ''}`);
        if (o.at !== 'nowhere') line(`      reply: ${replyText(p, o)}${a?.reply ? `  [sim: ${a.reply.verdict}: ${a.reply.summary}]` : ''}`);
      });
    }
    sc.probes.forEach((p, k) => {
      const got = c.outcomes![k];
      const bad: Problem[] = [];
      const exp = sc.expect?.[k];
      if (exp && (exp.at !== got.at || (exp.dport !== undefined && exp.dport !== got.dport) || (exp.daddr !== undefined && exp.daddr !== got.daddr))) {
        const where = exp.daddr !== undefined || exp.dport !== undefined ? ` ${exp.daddr ?? '?'}:${exp.dport ?? '?'}` : '';
        bad.push({ scenario: sc, probe: k, kind: 'expectation', message: `expected ${exp.at}${where}, kernel: ${outcomeText(got)}` });
      }
      const why = sc.unknown?.[k];
      if (why) {
        modelUnknown.count++;
        modelUnknown.list.push(`${sc.name}: ${probeText(p)}: ${why}`);
      }
      const label = sc.labels?.[k];
      if (label && exp) {
        const l = labels.get(label) ?? { probes: 0, agreed: 0 };
        labels.set(label, l);
        l.probes++;
        if (exp.at === got.at && (exp.dport === undefined || exp.dport === got.dport)) l.agreed++;
      }
      if (ref?.outcomes && !sameOutcome(ref.outcomes[k], got)) {
        bad.push({ scenario: sc, probe: k, kind: 'forms', message: `kernel: ${outcomeText(got)}, but ${ref.scenario.name}: ${outcomeText(ref.outcomes[k])}` });
      } else if (ref?.outcomes && got.at !== 'nowhere' && replyBack(p, ref.outcomes[k]) !== replyBack(p, got)) {
        bad.push({ scenario: sc, probe: k, kind: 'forms', message: `kernel reply: ${replyText(p, got)}, but ${ref.scenario.name}: ${replyText(p, ref.outcomes[k])}` });
      }
      const answer = simAnswers?.[k];
      if (answer) {
        simCompared++;
        simTally(sc, answer.verdict === 'unknown');
        if (answer.verdict === 'unknown') {
          unknowns++;
          unknownList.push(`${sc.name}: ${probeText(p)}: ${answer.reason ?? ''}`);
        } else if (!agrees(answer, got)) {
          bad.push({ scenario: sc, probe: k, kind: 'simulator', message: `kernel: ${outcomeText(got)}, simulator: ${answer.summary}`, sim: answer });
        }
      }
      const replyBad = compareReply(sc, k, p, got, answer, exp?.reply);
      if (!exp && !ref && !answer) return; // nothing to compare this probe with
      const tally = (found: Problem[]): void => {
        if (found.length) {
          failed++;
          stats.failed++;
          problems.push(...found);
        } else passed++;
      };
      stats.probes++;
      tally(bad);
      if (replyBad === undefined) return;
      stats.replies++;
      tally(replyBad);
    });
  }

  // ---- report
  const saved = new Set<Scenario>();
  for (const pr of problems) {
    line('');
    line(`FAIL [${pr.kind}] ${pr.scenario.name}`);
    if (pr.probe !== undefined) line(`  probe: ${probeText(pr.scenario.probes[pr.probe])}`);
    line(`  ${pr.message.split('\n').join('\n  ')}`);
    if (!saved.has(pr.scenario)) {
      saved.add(pr.scenario);
      for (const f of pr.scenario.files) {
        line(`  --- ${f.name} (${f.form}${f.noflush ? ', --noflush' : ''})`);
        line(f.text.trimEnd().replace(/^/gm, '  | '));
      }
      for (const n of pr.scenario.notes ?? []) line(`  note: ${n}`);
      const file = saveFailure(pr.scenario, checked.find((c) => c.scenario === pr.scenario)?.outcomes);
      line(`  saved: ${path.relative(process.cwd(), file)} (replay: npm run test:kernel -- --replay ${path.relative(process.cwd(), file)})`);
    }
    if ((pr.kind === 'simulator' || pr.kind === 'reply') && sim.simulator) for (const d of sim.simulator.diagnostics(pr.scenario)) line(`  simulator diagnostic: ${d}`);
    if (pr.sim?.trace) line(`  simulator trace:\n${pr.sim.trace.replace(/^/gm, '    ')}`);
  }
  line('');
  for (const [src, s] of perSource) line(`${src}: ${s.probes} probes and ${s.replies} replies compared, ${s.failed} failed`);
  line(`reply comparisons: ${replies.compared} with the simulator (${replies.back} got back, ${replies.compared - replies.back} dropped), ${replies.failed} disagreements, ${replies.unknown} unknown`);
  for (const [why, n] of [...replies.skipped].sort((a, b) => b[1] - a[1])) line(`  reply not compared: ${n} ${why}`);
  for (const u of replies.noListener.slice(0, 10)) line(`  no listener: ${u}`);
  line(`scenarios: ${scenarios.length} on ${workers} topologies; kernel ${((kernelDone - started) / 1000).toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const [label, l] of labels) line(`label ${label}: ${l.probes} probes, kernel agreed on ${l.agreed}`);
  let modelFail = false;
  if (modelUnknown.probes) {
    const pct = (100 * modelUnknown.count) / modelUnknown.probes;
    line(`analysis: ${modelUnknown.probes} probes, ${modelUnknown.count} unknown (${pct.toFixed(2)}%, limit 1%)`);
    for (const u of modelUnknown.list.slice(0, 50)) line(`  unknown: ${u}`);
    if (modelUnknown.list.length > 50) line(`  ... ${modelUnknown.list.length - 50} more`);
    if (pct >= 1) {
      line('FAIL: more than 1% of analysis verdicts are unknown');
      modelFail = true;
    }
  }
  if (sim.simulator) {
    const pct = simCompared ? (100 * unknowns) / simCompared : 0;
    line(`simulator: ${simCompared} probes, ${unknowns} unknown (${pct.toFixed(2)}%, limit 1%)`);
    for (const u of unknownList.slice(0, 50)) line(`  unknown: ${u}`);
    if (unknownList.length > 50) line(`  ... ${unknownList.length - 50} more`);
    const rw = simBySource.get('realworld');
    const rwPct = rw?.compared ? (100 * rw.unknown) / rw.compared : 0;
    if (rw) line(`simulator on the real-world rulesets: ${rw.compared} probes and replies, ${rw.unknown} unknown (${rwPct.toFixed(2)}%, limit 1%)`);
    if (pct >= 1 || rwPct >= 1) {
      line(`FAIL: more than 1% of simulator verdicts are unknown${rwPct >= 1 ? ' on the real-world rulesets' : ''}`);
      finish(passed, failed, 1);
    }
  }
  if (!values.replay) line(`seed ${seed}`);
  finish(passed, failed, failed > 0 || problems.length > 0 || modelFail ? 1 : 0);
}

const SPORT_BASE = 20000;
const SPORT_SPAN = 3000;

function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.at === b.at && (a.at === 'nowhere' || (a.dport === b.dport && a.daddr === b.daddr));
}

function agrees(answer: SimAnswer, got: Outcome): boolean {
  if (answer.at !== got.at) return false;
  if (got.at === 'nowhere') return true;
  return answer.dport === undefined || answer.dport === got.dport;
}

function simulateAll(sim: Simulator, sc: Scenario): (SimAnswer | undefined)[] {
  return sim.run(sc);
}

function saveFailure(sc: Scenario, outcomes: readonly Outcome[] | undefined): string {
  mkdirSync(FAILURE_DIR, { recursive: true });
  const slug = sc.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  const file = path.join(FAILURE_DIR, `${slug}.json`);
  writeFileSync(file, JSON.stringify({ scenario: sc, kernel: outcomes }, null, 2) + '\n');
  return file;
}

main().catch((e: unknown) => {
  line(`harness error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  finish(0, 1, 2);
});
