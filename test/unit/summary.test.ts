// The job summary and the dry-run plan: order of sections, failure evidence first, escaping of
// user text, the Mermaid timeline, and the 1 MiB limit with 64 and 1000 hosts.
import { BatchReport, HostReport, RolloutReport } from '../../src/report/types';
import { escapeText, fence, mermaidText } from '../../src/report/markdown';
import {
  failingHosts,
  formatLatency,
  imageTag,
  percentile,
  renderPlan,
  renderSummary,
  shortDigest,
  STEP_SUMMARY_LIMIT,
} from '../../src/report/summary';

const T0 = Date.parse('2025-03-01T12:00:00.000Z');
const OLD = 'sha256:' + '1'.repeat(64);
const NEW = 'sha256:' + 'a'.repeat(64);
const IMAGE = 'registry.example.com/acme/web:1.2';

interface Options {
  /** Host names per batch; each batch is its own group unless `group` is given. */
  batches: string[][];
  group?: (batchIndex: number) => string;
  /** `[batch, host]` whose health check fails: the rollout stops there and rolls back. */
  failAt?: { batch: number; host: string; reason?: string };
  restoreFailed?: string[];
  dryRun?: boolean;
  warnings?: string[];
  errorPadding?: number;
}

/** A report as the rollout engine writes it, with plausible timings. */
function makeReport(o: Options): RolloutReport {
  const group = o.group ?? (() => 'web');
  const total = o.batches.length;
  const plan = o.batches.map((hosts, i) => ({ index: i + 1, group: group(i + 1), hosts }));
  const hosts: HostReport[] = [];
  const batches: BatchReport[] = [];
  let t = T0 + 3000;
  const failing = o.failAt;
  let stopped = false;
  for (const b of plan) {
    if (stopped || o.dryRun) {
      for (const name of b.hosts)
        hosts.push({
          name,
          group: b.group,
          result: 'untouched',
          previous: { image: 'registry.example.com/acme/web:1.1', digest: OLD, container: 'c0ffee' },
          next: { image: IMAGE },
        });
      continue;
    }
    const report: BatchReport = {
      index: b.index,
      total,
      group: b.group,
      hosts: b.hosts,
      result: 'healthy',
      startedAt: new Date(t).toISOString(),
      durationMs: 2500,
      healthy: 0,
      unhealthy: 0,
    };
    for (const [i, name] of b.hosts.entries()) {
      const bad = failing?.batch === b.index && failing.host === name;
      const reason =
        failing?.reason ??
        `${name}: http check GET http://10.0.0.${i}:8080/health: 503 Service Unavailable after 3 rounds; last body: "db down"`;
      const padded = o.errorPadding ? `${reason} ${'x'.repeat(o.errorPadding)}` : reason;
      hosts.push({
        name,
        group: b.group,
        batch: b.index,
        result: bad ? 'rolled-back' : 'updated',
        previous: { image: 'registry.example.com/acme/web:1.1', digest: OLD, container: 'c0ffee' },
        next: { image: IMAGE, digest: NEW, container: 'beef01' },
        health: {
          healthy: !bad,
          elapsedMs: bad ? 9000 : 1200 + i,
          rounds: bad ? 3 : 2,
          latenciesMs: [3 + (i % 5), 7, 12.5],
          reason: bad ? padded : undefined,
        },
        startedAt: new Date(t).toISOString(),
        durationMs: 2000 + i,
        error: bad ? padded : undefined,
      });
      if (bad) report.unhealthy++;
      else report.healthy++;
    }
    if (report.unhealthy) {
      report.result = 'failed';
      stopped = true;
    }
    batches.push(report);
    t += 3000;
  }
  if (stopped) {
    for (const h of hosts) {
      if (h.batch === undefined) continue;
      h.result = o.restoreFailed?.includes(h.name) ? 'restore-failed' : 'rolled-back';
      if (h.result === 'rolled-back') h.rollbackHealth = { healthy: true, elapsedMs: 800, rounds: 1, latenciesMs: [2] };
      else
        h.error = `${h.error ? h.error + '\n' : ''}${h.name}: could not restore its previous version: container c0ffee: no such container`;
    }
  }
  const failedHost = stopped ? hosts.find((h) => h.name === failing!.host)! : undefined;
  const phases: RolloutReport['phases'] = {
    connect: { startedAt: new Date(T0).toISOString(), durationMs: 400 },
    preflight: { startedAt: new Date(T0 + 400).toISOString(), durationMs: 300 },
  };
  if (!o.dryRun) {
    phases.lock = { startedAt: new Date(T0 + 700).toISOString(), durationMs: 300 };
    phases.prepull = { startedAt: new Date(T0 + 1000).toISOString(), durationMs: 2000 };
    phases.batches = { startedAt: new Date(T0 + 3000).toISOString(), durationMs: t - T0 - 3000 };
    if (stopped) phases.rollback = { startedAt: new Date(t).toISOString(), durationMs: 1500 };
    else phases.prune = { startedAt: new Date(t).toISOString(), durationMs: 200 };
  }
  return {
    service: 'web',
    image: IMAGE,
    digest: o.dryRun ? undefined : NEW,
    deployment: 'run-42-1',
    deployedBy: 'octocat',
    result: stopped ? (o.restoreFailed?.length ? 'failed' : 'rolled-back') : 'deployed',
    dryRun: !!o.dryRun,
    startedAt: new Date(T0).toISOString(),
    durationMs: t - T0 + 1500,
    phases,
    plan,
    batches,
    hosts,
    error: failedHost ? `${failedHost.error}\n(1 unhealthy host(s), max-unhealthy allows 0)` : undefined,
    warnings: o.warnings ?? [],
  };
}

const hostNames = (prefix: string, n: number, from = 1) => Array.from({ length: n }, (_, i) => `${prefix}-${from + i}`);

/** Splits a summary into its `###` sections, by heading. */
function sections(md: string): string[] {
  return [...md.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
}

/** The rows of every GFM table, as cell lists, checking each row has its header's column count. */
function tables(md: string): string[][][] {
  const out: string[][][] = [];
  let current: string[][] | undefined;
  for (const line of md.split('\n')) {
    if (line.startsWith('|')) {
      // A GFM cell boundary is an unescaped `|`; no cell may contain one.
      const cells = line
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim());
      expect(line.endsWith('|')).toBe(true);
      if (!current) out.push((current = []));
      if (current.length) expect(cells.length).toBe(current[0].length);
      current.push(cells);
    } else current = undefined;
  }
  return out;
}

function mermaidBlock(md: string): string {
  const m = /^```mermaid\n([\s\S]*?)\n```$/m.exec(md);
  expect(m).not.toBeNull();
  return m![1];
}

/** Every task line of a gantt: `name :[tag, ]id, startMs, endMs` with a name Mermaid can't misread. */
function expectWellFormedGantt(chart: string): string[] {
  const lines = chart
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  expect(lines.slice(0, 3)).toEqual(['gantt', 'dateFormat x', 'axisFormat %M:%S']);
  const tasks = lines.filter((l) => !/^(gantt|dateFormat|axisFormat|section) /.test(l) && l !== 'gantt');
  for (const t of tasks) {
    const m = /^([^:#;<>&]+) :(?:(done|crit|active), )?(t\d+), (\d+), (\d+)$/.exec(t);
    expect(m).not.toBeNull();
    expect(Number(m![5])).toBeGreaterThan(Number(m![4]));
  }
  return tasks;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('renderSummary', () => {
  test('a 3-batch success: title, plan, batches with host tables, latencies, timeline', () => {
    const report = makeReport({ batches: [['web-1'], ['web-2', 'web-3'], ['web-4', 'web-5', 'web-6']] });
    const md = renderSummary(report);
    const title = md.split('\n')[0];
    expect(title).toBe(
      `## ✅ deployed · web · <code>registry.example.com/acme/web:1.2</code> <code>${NEW}</code> · 13.5s`,
    );
    expect(md).toContain('6 updated');
    expect(sections(md)).toEqual(['Plan', 'Batches', 'Health checks', 'Timeline']);
    expect(md).not.toContain('What failed');

    const [plan, b1, b2, b3, health] = tables(md);
    expect(plan.slice(2)).toEqual([
      ['1/3', 'web', '1', 'web-1'],
      ['2/3', 'web', '2', 'web-2, web-3'],
      ['3/3', 'web', '3', 'web-4, web-5, web-6'],
    ]);
    expect(b1[0]).toEqual(['Host', 'Previous → new', 'Result', 'Health', 'Latency p50 / max', 'Duration']);
    expect(b1[2]).toEqual([
      'web-1',
      '<code>1.1 sha256:111111111111…</code> → <code>1.2 sha256:aaaaaaaaaaaa…</code>',
      '✅ updated',
      '✅ 1.2s (2 rounds)',
      '7ms / 13ms',
      '2s',
    ]);
    expect(b2.length).toBe(4);
    expect(b3.length).toBe(5);
    expect(md).toMatch(
      /#### Batch 2\/3 · web — ✅ healthy\n\nstarted \+6s · took 2\.5s · 2 healthy · 0 unhealthy · 2 host\(s\)/,
    );
    // 18 probes: 3 per host; p50 of [3,4,5,6,7,8 + 7×6 + 12.5×6].
    expect(health[2]).toEqual(['new version', '6', '18', '7ms', '13ms', '13ms', '1.2s']);

    const tasks = expectWellFormedGantt(mermaidBlock(md));
    expect(tasks.map((t) => t.split(' :')[0])).toEqual([
      'connect',
      'preflight',
      'lock',
      'prepull',
      'batches',
      'prune',
      'batch 1/3 web',
      'batch 2/3 web',
      'batch 3/3 web',
    ]);
    expect(tasks[6]).toBe(`batch 1/3 web :done, t7, ${T0 + 3000}, ${T0 + 5500}`);
  });

  test('a failure in batch 2: the failure block comes first, with host, check and evidence', () => {
    const report = makeReport({
      batches: [['web-1'], ['web-2', 'web-3'], ['web-4', 'web-5']],
      failAt: { batch: 2, host: 'web-3' },
    });
    const md = renderSummary(report);
    expect(md.split('\n')[0]).toMatch(/^## ↩️ rolled back · web · /);
    expect(sections(md)).toEqual(['What failed', 'Plan', 'Batches', 'Health checks', 'Timeline']);
    const failure = md.slice(md.indexOf('### What failed'), md.indexOf('### Plan'));
    expect(failure).toContain('**Failing host:** <code>web-3</code> · group <code>web</code> · batch 2/3');
    expect(failure).toContain(
      '**Check:** health check: unhealthy after 3 round(s) in 9s — web-3: http check GET http://10.0.0.1:8080/health: 503 Service Unavailable',
    );
    expect(failure).toMatch(
      /\*\*Evidence:\*\*\n\n```text\nweb-3: http check GET .*last body: "db down"\n\(1 unhealthy host\(s\), max-unhealthy allows 0\)\n```/,
    );
    expect(failure).toContain('**Rolled back** (3): web-1, web-2, web-3');
    expect(failure).toContain('Untouched (2): web-4, web-5');
    expect(failure).not.toContain('Needs attention');

    expect(md).toContain('#### Batch 2/3 · web — ❌ failed');
    expect(md).toContain('Not started: batch 3 (2 host(s) untouched).');
    const rows = tables(md).flat();
    expect(rows.find((r) => r[0] === 'web-3')![2]).toMatch(/^↩️ rolled back: web-3: http check/);
    expect(rows.find((r) => r[0] === 'rollback')).toEqual(['rollback', '3', '3', '2ms', '2ms', '2ms', '800ms']);
    const tasks = expectWellFormedGantt(mermaidBlock(md));
    expect(tasks).toContainEqual(expect.stringMatching(/^rollback :crit, /));
    expect(tasks).toContainEqual(expect.stringMatching(/^batch 2\/3 web :crit, /));
  });

  test('a host that could not be restored is in bold as needing attention, and the result is failed', () => {
    const report = makeReport({
      batches: [['web-1', 'web-2'], ['web-3']],
      failAt: { batch: 1, host: 'web-2' },
      restoreFailed: ['web-1'],
    });
    const md = renderSummary(report);
    expect(md.split('\n')[0]).toMatch(/^## ❌ failed · /);
    expect(md).toContain(
      '**⚠️ Needs attention — could not be restored to the previous version (1):** **<code>web-1</code>**',
    );
    expect(md).toContain('**1 restore failed**');
    expect(md.indexOf('Needs attention')).toBeLessThan(md.indexOf('### Plan'));
    // web-1 was healthy: it is a casualty of the rollback, not the failing host.
    expect(failingHosts(report).map((h) => h.name)).toEqual(['web-2']);
  });

  test('a failure before any host changed names the phase', () => {
    const report = makeReport({ batches: [['web-1']], dryRun: true });
    report.dryRun = false;
    report.result = 'failed';
    report.phases.lock = { startedAt: new Date(T0 + 700).toISOString(), durationMs: 50 };
    report.error = 'the deploy lock of web is held by run-41 (alice) until 12:30';
    const md = renderSummary(report);
    expect(md).toContain('**Failed during:** lock (no host check failed)');
    expect(md).toContain('```text\nthe deploy lock of web is held by run-41 (alice) until 12:30\n```');
  });

  test('a dry run: the plan, what replaces what, nothing changed', () => {
    const report = makeReport({ batches: [['web-1'], ['web-2', 'web-3']], dryRun: true });
    const md = renderSummary(report);
    expect(md.split('\n')[0]).toBe(
      '## 📋 Plan (dry run — nothing changed) · web · <code>registry.example.com/acme/web:1.2</code> · 4.5s',
    );
    expect(sections(md)).toEqual(['Plan', 'What replaces what', 'Timeline']);
    expect(md).not.toContain('What failed');
    expect(md).not.toContain('untouched');
    const [, replaces] = tables(md);
    expect(replaces[2]).toEqual(['web-1', 'web', '1', '<code>1.1 sha256:111111111111…</code> → <code>1.2</code>']);
    expect(replaces.length).toBe(5);
  });

  test('user text cannot break a table or inject HTML or Markdown', () => {
    const evil = 'a|b<script>alert(1)</script>';
    const error = 'got ```` and `x` | <img src=x onerror=alert(1)> **bold** [link](http://evil) $x$\nsecond line';
    const report = makeReport({
      batches: [[evil, 'web-2']],
      failAt: { batch: 1, host: evil, reason: error },
      group: () => 'g|<b>grp</b>',
    });
    report.warnings = ['warn <i>me</i> | now'];
    const md = renderSummary(report);
    // Outside code blocks (where text is inert) nothing of the user's is markup.
    const prose = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
    expect(prose).not.toMatch(/<script|<img|<b>|<i>|\*\*bold\*\*|\[link\]|\$x\$/);
    expect(md).toContain('a&#124;b&lt;script&gt;alert(1)&lt;/script&gt;');
    // Every table row keeps its column count (tables() checks) and the host's row is intact.
    const rows = tables(md).flat();
    const hostRow = rows.find((r) => r[0].startsWith('a&#124;b'))!;
    expect(hostRow).toHaveLength(6);
    expect(hostRow[2]).toContain('got &#96;&#96;&#96;&#96; and &#96;x&#96; &#124; &lt;img');
    expect(rows.find((r) => r[0] === '1/1')![1]).toBe('g&#124;&lt;b&gt;grp&lt;/b&gt;');
    // The evidence block is fenced with more backticks than the text holds, so it stays one block.
    expect(md).toContain('`````text\n' + error);
    const fences = md.match(/^`{3,}.*$/gm)!;
    expect(fences).toEqual(['`````text', '`````', '```mermaid', '```']);
    expect(md).toContain('- warn &lt;i&gt;me&lt;/i&gt; &#124; now');
    expectWellFormedGantt(mermaidBlock(md));
    expect(mermaidBlock(md)).toContain('batch 1/1 g b grp /b :crit');
  });

  test('64 hosts with long errors: everything fits under 1 MiB, nothing left out', () => {
    const report = makeReport({
      batches: [hostNames('web', 1), hostNames('web', 15, 2), hostNames('web', 48, 17)],
      failAt: { batch: 3, host: 'web-40' },
      errorPadding: 5000,
    });
    const md = renderSummary(report);
    expect(bytes(md)).toBeLessThan(STEP_SUMMARY_LIMIT);
    expect(md).not.toContain('Shortened');
    expect(
      tables(md)
        .flat()
        .filter((r) => /^web-\d+$/.test(r[0])),
    ).toHaveLength(64);
    expect(md.indexOf('**Failing host:** <code>web-40</code>')).toBeLessThan(md.indexOf('### Plan'));
  });

  test('64 hosts under a small limit: healthy batches lose their host tables first, and it says so', () => {
    const report = makeReport({
      batches: [hostNames('web', 1), hostNames('web', 15, 2), hostNames('web', 48, 17)],
      failAt: { batch: 3, host: 'web-40' },
      errorPadding: 500,
    });
    const full = renderSummary(report);
    const md = renderSummary(report, { maxBytes: bytes(full) - 100 });
    expect(bytes(md)).toBeLessThanOrEqual(bytes(full) - 100);
    expect(md).toContain('… 16 healthy host(s) in 2 healthy batch(es) not listed; see the report file.');
    expect(md).toContain(
      "> **Shortened** to stay under GitHub's 1 MiB step-summary limit: 16 healthy hosts not listed.",
    );
    // The failed batch keeps its table, and the errors are whole.
    expect(
      tables(md)
        .flat()
        .filter((r) => /^web-\d+$/.test(r[0])),
    ).toHaveLength(48);
    expect(md).toContain('x'.repeat(500));
  });

  test('1000 hosts with long errors stay under 1 MiB, show the failure first and say what was left out', () => {
    const batches = [hostNames('web', 10), ...Array.from({ length: 9 }, (_, i) => hostNames('web', 110, 11 + i * 110))];
    const report = makeReport({
      batches,
      failAt: { batch: 10, host: 'web-950' },
      errorPadding: 200_000,
      warnings: Array.from({ length: 300 }, (_, i) => `host web-${i}: could not prune: ${'y'.repeat(5000)}`),
    });
    // Every host of the failed batch failed, each with a long error: the worst case for evidence.
    for (const h of report.hosts.filter((x) => x.batch === 10)) {
      h.health = {
        healthy: false,
        elapsedMs: 60000,
        rounds: 60,
        latenciesMs: Array(60).fill(2000),
        reason: `${h.name}: timed out ${'z'.repeat(50_000)}`,
      };
      h.error = h.health.reason;
    }
    const md = renderSummary(report);
    expect(bytes(md)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT);
    expect(sections(md)[0]).toBe('What failed');
    expect(md).toContain(
      '**Failing host:** <code>web-891</code> · group <code>web</code> · batch 10/10 (and 109 more:',
    );
    expect(md).toMatch(/… 890 healthy host\(s\) in 9 healthy batch\(es\) not listed; see the report file\./);
    const note = md
      .split('\n')
      .find((l) => l.startsWith("> **Shortened** to stay under GitHub's 1 MiB step-summary limit: "))!;
    expect(note).toContain('890 healthy hosts not listed');
    expect(note).toMatch(/error texts shortened to \d+ characters/);
    expect(note).toContain('evidence of 90 failing host(s) not quoted');
    expect(note).toContain('250 warning(s) not listed');
    expect(md).toMatch(/\(\d+ more characters; see the report file\)/);
    expect(md.indexOf('### What failed')).toBeLessThan(md.indexOf('### Plan'));
    expect(md.indexOf('Shortened')).toBeLessThan(md.indexOf('### Plan'));
    tables(md);
    expectWellFormedGantt(mermaidBlock(md));

    // Under the default limit and with a tiny one, the result is still valid Markdown with the failure first.
    const tiny = renderSummary(report, { maxBytes: 20_000 });
    expect(bytes(tiny)).toBeLessThanOrEqual(20_000);
    expect(tiny).toContain('**Failing host:** <code>web-891</code>');
    expect((tiny.match(/^`{3,}/gm) ?? []).length % 2).toBe(0);
  });

  test("1000 hosts, all healthy: fits and keeps every batch's counts", () => {
    const batches = Array.from({ length: 10 }, (_, i) => hostNames(`host-with-a-rather-long-name-in-rack-${i}`, 100));
    const report = makeReport({ batches });
    const md = renderSummary(report, { maxBytes: 60_000 });
    expect(bytes(md)).toBeLessThanOrEqual(60_000);
    for (let i = 1; i <= 10; i++) expect(md).toContain(`#### Batch ${i}/10 · web — ✅ healthy\n\nstarted`);
    expect(md).toContain('1000 healthy host(s) in 10 healthy batch(es) not listed');
  });

  test('a summary that cannot fit even briefly is cut outside any code block', () => {
    const report = makeReport({ batches: [['web-1'], ['web-2']], failAt: { batch: 1, host: 'web-1' } });
    report.service = 'w'.repeat(3000);
    const md = renderSummary(report, { maxBytes: 2000 });
    expect(bytes(md)).toBeLessThanOrEqual(2000);
    expect(md).toMatch(/the summary was cut here/);
  });
});

describe('renderPlan', () => {
  test('one line per batch: host (previous → new)', () => {
    const report = makeReport({ batches: [['web-1'], ['web-2', 'web-3']] });
    report.hosts[2].previous = {};
    expect(renderPlan(report)).toBe(
      [
        'batch 1/2 · web · web-1 (sha256:111111111111… → sha256:aaaaaaaaaaaa…)',
        'batch 2/2 · web · web-2 (sha256:111111111111… → sha256:aaaaaaaaaaaa…), web-3 (nothing → sha256:aaaaaaaaaaaa…)',
      ].join('\n'),
    );
  });

  test('in a dry run the new digest is not known yet: the tag stands in', () => {
    const report = makeReport({ batches: [['web-1', 'web-2']], dryRun: true });
    expect(renderPlan(report)).toBe(
      'batch 1/1 · web · web-1 (sha256:111111111111… → 1.2), web-2 (sha256:111111111111… → 1.2)',
    );
  });
});

describe('helpers', () => {
  test.each([
    ['registry.example.com:5000/acme/web:1.2', '1.2'],
    ['registry.example.com:5000/acme/web', undefined],
    ['web:1.2@' + NEW, '1.2'],
    ['web@' + NEW, undefined],
  ])('imageTag(%s) = %s', (ref, tag) => expect(imageTag(ref)).toBe(tag));

  test('shortDigest', () => {
    expect(shortDigest(NEW)).toBe('sha256:aaaaaaaaaaaa…');
    expect(shortDigest('web@' + NEW)).toBe('sha256:aaaaaaaaaaaa…');
    expect(shortDigest('weird')).toBe('weird');
  });

  test('percentile and latency format', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(95);
    expect(formatLatency(0.42)).toBe('0.4ms');
    expect(formatLatency(250.4)).toBe('250ms');
    expect(formatLatency(1500)).toBe('1.5s');
  });

  test('fence outgrows any backtick run; mermaidText keeps only inert characters', () => {
    expect(fence('a ``` b ````` c')).toBe('``````\na ``` b ````` c\n``````');
    expect(mermaidText('batch 1: web; #x <b>%%')).toBe('batch 1 web x b');
    expect(escapeText('a\nb|c')).toBe('a b&#124;c');
  });
});
