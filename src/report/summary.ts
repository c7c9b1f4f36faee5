// The job summary of a rollout (Markdown for $GITHUB_STEP_SUMMARY) and the plain-text plan that
// dry-run prints. Failures come first; the whole stays under GitHub's 1 MiB limit by leaving
// details out, most expendable first, and saying what was left out.
import { availabilityMarkdown } from '../availability/format';
import { BatchReport, HealthRecord, HostReport, RolloutReport, VersionRecord } from './types';
import { formatDuration } from '../util/duration';
import { code, escapeText, fence, firstLine, mermaidText, table, truncate } from './markdown';

/** GitHub rejects a step summary over 1 MiB; this leaves room for what other steps append. */
export const STEP_SUMMARY_LIMIT = 1_000_000;

export interface SummaryOptions {
  /** Upper bound on the summary's size in UTF-8 bytes (default STEP_SUMMARY_LIMIT). */
  maxBytes?: number;
}

/** How much detail one rendering carries; renderSummary tries them in order until one fits. */
interface Detail {
  healthyHostTables: boolean; // per-host tables of batches where every host is healthy
  hostRowsPerBatch: number; // rows in the host table of any other batch (failed hosts first)
  errorChars: number; // per error text in the failure evidence
  cellChars: number; // per error text inside a table cell
  evidenceHosts: number; // failing hosts whose evidence is quoted
  namesPerList: number; // host names in a plan cell or a list of rolled-back hosts
  dryRunHosts: number; // rows of the dry run's "what replaces what" table
  warnings: number;
  warningChars: number;
  timelineBars: number; // per-batch bars in the Mermaid chart; 0 drops the chart
}

const ALL = Number.MAX_SAFE_INTEGER;
const LEVELS: Detail[] = [
  {
    healthyHostTables: true,
    hostRowsPerBatch: ALL,
    errorChars: 20_000,
    cellChars: 300,
    evidenceHosts: 100,
    namesPerList: ALL,
    dryRunHosts: ALL,
    warnings: 100,
    warningChars: 2000,
    timelineBars: 200,
  },
  // First the per-host tables of healthy batches go: they only say "fine" many times over.
  {
    healthyHostTables: false,
    hostRowsPerBatch: ALL,
    errorChars: 20_000,
    cellChars: 300,
    evidenceHosts: 100,
    namesPerList: ALL,
    dryRunHosts: 200,
    warnings: 100,
    warningChars: 2000,
    timelineBars: 200,
  },
  // Then error texts are shortened.
  {
    healthyHostTables: false,
    hostRowsPerBatch: ALL,
    errorChars: 2000,
    cellChars: 120,
    evidenceHosts: 20,
    namesPerList: ALL,
    dryRunHosts: 100,
    warnings: 50,
    warningChars: 500,
    timelineBars: 100,
  },
  {
    healthyHostTables: false,
    hostRowsPerBatch: 100,
    errorChars: 500,
    cellChars: 120,
    evidenceHosts: 10,
    namesPerList: 50,
    dryRunHosts: 50,
    warnings: 20,
    warningChars: 300,
    timelineBars: 100,
  },
  {
    healthyHostTables: false,
    hostRowsPerBatch: 20,
    errorChars: 200,
    cellChars: 80,
    evidenceHosts: 5,
    namesPerList: 10,
    dryRunHosts: 0,
    warnings: 10,
    warningChars: 200,
    timelineBars: 30,
  },
  {
    healthyHostTables: false,
    hostRowsPerBatch: 0,
    errorChars: 200,
    cellChars: 80,
    evidenceHosts: 3,
    namesPerList: 3,
    dryRunHosts: 0,
    warnings: 3,
    warningChars: 200,
    timelineBars: 0,
  },
];

/** GitHub-flavoured Markdown for the job summary; the entry point writes it, this only renders. */
export function renderSummary(report: RolloutReport, options: SummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? STEP_SUMMARY_LIMIT;
  let text = '';
  for (const detail of LEVELS) {
    text = new SummaryWriter(report, detail).render();
    if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  }
  return cutToBytes(text, maxBytes);
}

/** One line per batch, for the log: `batch 2/4 · web · web-2 (sha256:abc… → sha256:def…), web-3 (…)`. */
export function renderPlan(report: RolloutReport): string {
  const byName = new Map(report.hosts.map((h) => [h.name, h]));
  const total = report.plan.length;
  return report.plan
    .map(
      (b) =>
        `batch ${b.index}/${total} · ${b.group}${b.proxy ? ` · behind the proxy on :${b.proxy.port}${canaryNote(b.proxy)}` : ''} · ${formatHostsLine(b.hosts.map((name) => byName.get(name) ?? { name }))}`,
    )
    .join('\n');
}

/** What a batch's plan says of a traffic-weighted canary: nothing, or its share. */
function canaryNote(proxy: { canaryWeight?: number }): string {
  return proxy.canaryWeight ? `, canary with ${proxy.canaryWeight}% of requests first` : '';
}

/** `web-2 (sha256:abc… → sha256:def…), web-3 (nothing → 1.4)`: hosts with what replaces what. */
export function formatHostsLine(
  hosts: Array<Pick<HostReport, 'name'> & Partial<Pick<HostReport, 'previous' | 'next'>>>,
): string {
  return hosts.map((h) => `${h.name} (${versionLabel(h.previous)} → ${versionLabel(h.next)})`).join(', ');
}

/** The shortest name of a version that still tells versions apart: short digest, else tag. */
export function versionLabel(v: VersionRecord | undefined): string {
  if (v?.digest) return shortDigest(v.digest);
  if (v?.image) return imageTag(v.image) ?? v.image;
  return 'nothing';
}

/** `sha256:0123456789ab…` from a digest or a `repo@digest` reference. */
export function shortDigest(digest: string): string {
  const d = digest.includes('@') ? digest.slice(digest.lastIndexOf('@') + 1) : digest;
  const m = /^([a-z0-9]+):([a-f0-9]{12})[a-f0-9]+$/i.exec(d);
  return m ? `${m[1]}:${m[2]}…` : d;
}

/** The tag of an image reference (`reg:5000/acme/web:1.2@sha256:…` → `1.2`), if it has one. */
export function imageTag(image: string): string | undefined {
  const name = image.split('@')[0];
  const last = name.slice(name.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return colon >= 0 ? last.slice(colon + 1) || undefined : undefined;
}

/** Nearest-rank percentile of samples (p in 0–100); undefined for no samples. */
export function percentile(samples: readonly number[], p: number): number | undefined {
  if (!samples.length) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Latencies are often below a millisecond on a LAN: keep a decimal there. */
export function formatLatency(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 10) return `${(Math.round(ms * 10) / 10).toString()}ms`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return formatDuration(ms);
}

/** Hosts whose own check or swap failed: the cause of the rollback, not its casualties. */
export function failingHosts(report: RolloutReport): HostReport[] {
  const order = new Map(report.plan.flatMap((b) => b.hosts.map((h, i) => [h, b.index * 1e6 + i] as const)));
  return report.hosts
    .filter((h) => h.result !== 'untouched' && ((h.health && !h.health.healthy) || (!h.health && !!h.error)))
    .sort((a, b) => (order.get(a.name) ?? Infinity) - (order.get(b.name) ?? Infinity));
}

const RESULT_TITLE = {
  deployed: '✅ deployed',
  partial: '⚠️ partly deployed',
  'rolled-back': '↩️ rolled back',
  failed: '❌ failed',
} as const;
const BATCH_RESULT = {
  healthy: '✅ healthy',
  failed: '❌ failed',
  skipped: '⏭️ skipped',
  cancelled: '⏹️ cancelled',
} as const;
const HOST_RESULT = {
  updated: '✅ updated',
  'rolled-back': '↩️ rolled back',
  'restore-failed': '**⚠️ restore failed**',
  untouched: '➖ untouched',
} as const;

class SummaryWriter {
  private readonly notes: string[] = [];
  private readonly byName: Map<string, HostReport>;
  private readonly t0: number;

  constructor(
    private readonly report: RolloutReport,
    private readonly d: Detail,
  ) {
    this.byName = new Map(report.hosts.map((h) => [h.name, h]));
    this.t0 = Date.parse(report.startedAt);
  }

  render(): string {
    const r = this.report;
    const parts: string[] = [this.title()];
    if (r.result !== 'deployed') parts.push(this.failure());
    // Built after the sections so that it can list what they left out; shown before them.
    const body = [
      this.plan(),
      r.dryRun ? this.dryRunHosts() : '',
      this.batches(),
      this.latencies(),
      r.availability ? availabilityMarkdown(r.availability).trimEnd() : '',
      this.timeline(),
      this.warnings(),
    ];
    if (this.notes.length) {
      parts.push(
        `> **Shortened** to stay under GitHub's 1 MiB step-summary limit: ${this.notes.join('; ')}. The report file has everything.`,
      );
    }
    parts.push(...body);
    return parts.filter(Boolean).join('\n\n') + '\n';
  }

  private title(): string {
    const r = this.report;
    const what = r.dryRun
      ? r.result === 'deployed'
        ? '📋 Plan (dry run — nothing changed)'
        : `${RESULT_TITLE[r.result]} (dry run — nothing changed)`
      : RESULT_TITLE[r.result];
    const image = r.digest ? `${code(r.image)} ${code(r.digest)}` : code(r.image);
    const lines = [`## ${what} · ${escapeText(r.service)} · ${image} · ${formatDuration(r.durationMs)}`];
    const counts = new Map<string, number>();
    for (const h of r.hosts) counts.set(h.result, (counts.get(h.result) ?? 0) + 1);
    const tally = (['updated', 'rolled-back', 'restore-failed', 'untouched'] as const)
      .filter((k) => counts.get(k))
      .map((k) =>
        k === 'restore-failed' ? `**${counts.get(k)} restore failed**` : `${counts.get(k)} ${k.replace('-', ' ')}`,
      );
    const groups = new Set(r.plan.map((b) => b.group)).size;
    lines.push(
      `Deployment ${code(r.deployment)} by ${code(r.deployedBy)} · started ${escapeText(r.startedAt)} · ` +
        `${r.hosts.length || r.plan.reduce((n, b) => n + b.hosts.length, 0)} host(s) in ${r.plan.length} batch(es), ${groups} group(s)` +
        (tally.length && !r.dryRun ? ` · ${tally.join(' · ')}` : ''),
    );
    return lines.join('\n');
  }

  /** What failed, where and why: the first thing a reader of a failed run needs. */
  private failure(): string {
    const r = this.report;
    const d = this.d;
    const out: string[] = ['### What failed'];
    const failing = failingHosts(r);
    const first = failing[0];
    if (first) {
      const where = [`group ${code(first.group)}`];
      if (first.batch !== undefined) where.push(`batch ${first.batch}/${r.plan.length}`);
      const others =
        failing.length > 1
          ? ` (and ${failing.length - 1} more: ${this.names(failing.slice(1).map((h) => h.name))})`
          : '';
      out.push(`**Failing host:** ${code(first.name)} · ${where.join(' · ')}${others}`);
      out.push(`**Check:** ${checkOf(first, d.cellChars)}`);
    } else {
      const phase = failedPhase(r);
      out.push(`**Failed during:** ${phase ? escapeText(phase) : 'the rollout'} (no host check failed)`);
    }

    const evidence: string[] = [];
    if (r.error) evidence.push(this.shorten(r.error, d.errorChars));
    const quoted = failing.slice(0, d.evidenceHosts);
    const seen = new Set<string>();
    for (const h of quoted) {
      for (const text of [h.health?.reason, h.error]) {
        // The check's reason is usually the host's error too, and the first one is in report.error.
        if (!text || seen.has(text) || r.error?.includes(text)) continue;
        seen.add(text);
        evidence.push(this.shorten(text.startsWith(h.name) ? text : `${h.name}: ${text}`, d.errorChars));
      }
    }
    if (failing.length > quoted.length) {
      const left = failing.length - quoted.length;
      evidence.push(`… ${left} more failing host(s) not quoted; see the report file`);
      this.notes.push(`evidence of ${left} failing host(s) not quoted`);
    }
    if (evidence.length) out.push('**Evidence:**\n\n' + fence(evidence.join('\n\n'), 'text'));

    const rolledBack = r.hosts.filter((h) => h.result === 'rolled-back');
    if (rolledBack.length)
      out.push(`**Rolled back** (${rolledBack.length}): ${this.names(rolledBack.map((h) => h.name))}`);
    const lost = r.hosts.filter((h) => h.result === 'restore-failed');
    if (lost.length) {
      // Every one of these needs a human: never leave one out.
      out.push(
        `**⚠️ Needs attention — could not be restored to the previous version (${lost.length}):** ${lost.map((h) => `**${code(h.name)}**`).join(', ')}`,
      );
    }
    const untouched = r.hosts.filter((h) => h.result === 'untouched');
    if (untouched.length && !r.dryRun)
      out.push(`Untouched (${untouched.length}): ${this.names(untouched.map((h) => h.name))}`);
    return out.join('\n\n');
  }

  private plan(): string {
    const r = this.report;
    if (!r.plan.length) return '';
    // Proxy mode shows how each batch switches (gapless behind the proxy, or stop-and-start).
    if (r.plan.some((b) => b.proxy)) {
      const rows = r.plan.map((b) => [
        `${b.index}/${r.plan.length}`,
        escapeText(b.group),
        `${b.hosts.length}`,
        b.proxy
          ? `behind the proxy on :${b.proxy.port} (${escapeText(b.proxy.image)})${canaryNote(b.proxy)}`
          : 'stop-and-start',
        this.names(b.hosts),
      ]);
      return `### Plan\n\n${table(['Batch', 'Group', 'Hosts', 'Switch', 'Names'], rows, ['r', 'l', 'r', 'l', 'l'])}`;
    }
    const rows = r.plan.map((b) => [
      `${b.index}/${r.plan.length}`,
      escapeText(b.group),
      `${b.hosts.length}`,
      this.names(b.hosts),
    ]);
    return `### Plan\n\n${table(['Batch', 'Group', 'Hosts', 'Names'], rows, ['r', 'l', 'r', 'l'])}`;
  }

  /** For a dry run: what will replace what on each host. */
  private dryRunHosts(): string {
    const r = this.report;
    if (!r.hosts.length) return '';
    const batchOf = new Map(r.plan.flatMap((b) => b.hosts.map((h) => [h, b.index] as const)));
    const shown = r.hosts.slice(0, this.d.dryRunHosts);
    const rows = shown.map((h) => [
      escapeText(h.name),
      escapeText(h.group),
      `${batchOf.get(h.name) ?? '–'}`,
      versions(h),
    ]);
    const out = [`### What replaces what`];
    if (rows.length) out.push(table(['Host', 'Group', 'Batch', 'Now → planned'], rows, ['l', 'l', 'r', 'l']));
    if (r.hosts.length > shown.length) {
      const left = r.hosts.length - shown.length;
      out.push(`… ${left} host(s) not listed; see the report file.`);
      this.notes.push(`${left} planned host(s) not listed`);
    }
    return out.join('\n\n');
  }

  private batches(): string {
    const r = this.report;
    if (!r.batches.length) return '';
    const out = ['### Batches'];
    let hiddenHosts = 0;
    let hiddenBatches = 0;
    for (const b of r.batches) {
      const hosts = b.hosts.map((name) => this.byName.get(name)).filter((h): h is HostReport => !!h);
      // A healthy batch's hosts passed their checks; after a rollback they run the old version
      // again, which the failure block already says. A host that could not be restored is kept.
      const allFine =
        b.result === 'healthy' && hosts.every((h) => h.health?.healthy !== false && h.result !== 'restore-failed');
      const lines = [
        `#### Batch ${b.index}/${b.total} · ${escapeText(b.group)} — ${BATCH_RESULT[b.result]}`,
        this.batchStats(b),
      ];
      if (allFine && !this.d.healthyHostTables) {
        hiddenHosts += hosts.length;
        hiddenBatches++;
      } else if (hosts.length && b.result !== 'skipped') {
        lines.push(this.hostTable(b, hosts));
      }
      out.push(lines.join('\n\n'));
    }
    const notStarted = r.plan.filter((p) => !r.batches.some((b) => b.index === p.index));
    if (notStarted.length)
      out.push(
        `Not started: batch ${notStarted.map((b) => `${b.index}`).join(', ')} (${notStarted.reduce((n, b) => n + b.hosts.length, 0)} host(s) untouched).`,
      );
    if (hiddenHosts) {
      out.push(
        `… ${hiddenHosts} healthy host(s) in ${hiddenBatches} healthy batch(es) not listed; see the report file.`,
      );
      this.notes.push(`${hiddenHosts} healthy hosts not listed`);
    }
    return out.join('\n\n');
  }

  private batchStats(b: BatchReport): string {
    const parts = [];
    if (b.startedAt && Number.isFinite(this.t0))
      parts.push(`started +${formatDuration(Math.max(0, Date.parse(b.startedAt) - this.t0))}`);
    if (b.durationMs !== undefined) parts.push(`took ${formatDuration(b.durationMs)}`);
    parts.push(`${b.healthy} healthy`, `${b.unhealthy} unhealthy`, `${b.hosts.length} host(s)`);
    return parts.join(' · ');
  }

  private hostTable(b: BatchReport, hosts: HostReport[]): string {
    let shown = hosts;
    if (hosts.length > this.d.hostRowsPerBatch) {
      // Keep the hosts that did not end up updated: they are why the batch is worth reading.
      const keep = new Set(
        [...hosts.filter((h) => h.result !== 'updated'), ...hosts.filter((h) => h.result === 'updated')].slice(
          0,
          this.d.hostRowsPerBatch,
        ),
      );
      shown = hosts.filter((h) => keep.has(h));
    }
    const rows = shown.map((h) => {
      const health = h.health;
      const lat = health?.latenciesMs ?? [];
      const result =
        HOST_RESULT[h.result] +
        (h.error && h.result !== 'updated' ? `: ${escapeText(firstLine(h.error, this.d.cellChars))}` : '');
      return [
        escapeText(h.name),
        versions(h),
        result,
        health
          ? `${health.healthy ? '✅' : '❌'} ${formatDuration(health.elapsedMs)} (${health.rounds} round${health.rounds === 1 ? '' : 's'})`
          : '–',
        lat.length ? `${formatLatency(percentile(lat, 50))} / ${formatLatency(Math.max(...lat))}` : '–',
        h.durationMs !== undefined ? formatDuration(h.durationMs) : '–',
      ];
    });
    const out = [];
    if (rows.length)
      out.push(
        table(['Host', 'Previous → new', 'Result', 'Health', 'Latency p50 / max', 'Duration'], rows, [
          'l',
          'l',
          'l',
          'l',
          'r',
          'r',
        ]),
      );
    if (shown.length < hosts.length) {
      const left = hosts.length - shown.length;
      out.push(`… ${left} host(s) of batch ${b.index} not listed; see the report file.`);
      this.notes.push(`${left} host(s) of batch ${b.index} not listed`);
    }
    return out.join('\n\n');
  }

  private latencies(): string {
    const r = this.report;
    const rows: string[][] = [];
    const row = (label: string, records: Array<HealthRecord | undefined>) => {
      const present = records.filter((x): x is HealthRecord => !!x);
      const samples = present.flatMap((x) => x.latenciesMs);
      if (!samples.length) return;
      const elapsed = present.map((x) => x.elapsedMs);
      rows.push([
        label,
        `${present.length}`,
        `${samples.length}`,
        formatLatency(percentile(samples, 50)),
        formatLatency(percentile(samples, 95)),
        formatLatency(Math.max(...samples)),
        formatDuration(percentile(elapsed, 50) ?? 0),
      ]);
    };
    row(
      'new version',
      r.hosts.map((h) => h.health),
    );
    row(
      'rollback',
      r.hosts.map((h) => h.rollbackHealth),
    );
    if (!rows.length) return '';
    return `### Health checks\n\n${table(['Checks', 'Hosts', 'Probes', 'p50', 'p95', 'max', 'Time to verdict (p50)'], rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r'])}`;
  }

  /** A Mermaid gantt of phases and batches; GitHub renders ```mermaid blocks as pictures. */
  private timeline(): string {
    const r = this.report;
    if (this.d.timelineBars === 0) return '';
    const lines: string[] = [];
    let n = 0;
    const bar = (name: string, startedAt: string | undefined, durationMs: number | undefined, tag?: string) => {
      const start = startedAt ? Date.parse(startedAt) : NaN;
      if (!Number.isFinite(start) || durationMs === undefined || !Number.isFinite(durationMs)) return;
      // A zero-length task draws nothing and confuses the axis: give it a millisecond.
      const end = start + Math.max(1, Math.round(durationMs));
      lines.push(`    ${mermaidText(name)} :${tag ? `${tag}, ` : ''}t${++n}, ${Math.round(start)}, ${end}`);
    };
    const phases = Object.entries(r.phases).sort((a, b) => Date.parse(a[1].startedAt) - Date.parse(b[1].startedAt));
    if (phases.length) {
      lines.push('    section Phases');
      for (const [name, p] of phases) bar(name, p.startedAt, p.durationMs, name === 'rollback' ? 'crit' : undefined);
    }
    const timed = r.batches.filter((b) => b.startedAt && b.durationMs !== undefined);
    if (timed.length) {
      lines.push('    section Batches');
      // When there are too many, keep the failed ones and the earliest.
      let chosen = timed;
      if (timed.length > this.d.timelineBars) {
        const keep = new Set([...timed.filter((b) => b.result !== 'healthy'), ...timed].slice(0, this.d.timelineBars));
        chosen = timed.filter((b) => keep.has(b));
        this.notes.push(`${timed.length - chosen.length} batch(es) not drawn in the timeline`);
      }
      for (const b of chosen)
        bar(
          `batch ${b.index}/${b.total} ${b.group}`,
          b.startedAt,
          b.durationMs,
          b.result === 'healthy' ? 'done' : 'crit',
        );
    }
    if (!n) return '';
    const chart = ['gantt', '    dateFormat x', '    axisFormat %M:%S', ...lines].join('\n');
    return `### Timeline\n\n${fence(chart, 'mermaid')}`;
  }

  private warnings(): string {
    const w = this.report.warnings;
    if (!w.length) return '';
    const shown = w.slice(0, this.d.warnings);
    const out = ['### Warnings', shown.map((x) => `- ${escapeText(truncate(x, this.d.warningChars).text)}`).join('\n')];
    if (w.length > shown.length) {
      out.push(`… ${w.length - shown.length} more warning(s); see the report file.`);
      this.notes.push(`${w.length - shown.length} warning(s) not listed`);
    }
    return out.join('\n\n');
  }

  /** Escaped host names, at most namesPerList of them, then "and N more". */
  private names(list: string[]): string {
    const shown = list.slice(0, this.d.namesPerList).map(escapeText).join(', ');
    return list.length > this.d.namesPerList ? `${shown} and ${list.length - this.d.namesPerList} more` : shown;
  }

  private shorten(text: string, maxChars: number): string {
    const t = truncate(text, maxChars);
    if (!t.cut) return text;
    if (!this.notes.includes(`error texts shortened to ${maxChars} characters`))
      this.notes.push(`error texts shortened to ${maxChars} characters`);
    return `${t.text} (${t.cut} more characters; see the report file)`;
  }
}

/** `<code>1.1 sha256:abc…</code> → <code>1.2 sha256:def…</code>` */
function versions(h: HostReport): string {
  return `${versionCell(h.previous)} → ${versionCell(h.next)}`;
}

function versionCell(v: VersionRecord | undefined): string {
  if (!v?.image && !v?.digest) return 'nothing';
  const tag = v.image ? (imageTag(v.image) ?? v.image.slice(v.image.lastIndexOf('/') + 1).split('@')[0]) : undefined;
  return code([tag, v.digest && shortDigest(v.digest)].filter(Boolean).join(' '));
}

/** Which check failed on a host, in words, with its last answer. */
function checkOf(h: HostReport, maxChars: number): string {
  if (h.health && !h.health.healthy) {
    const how = `health check: unhealthy after ${h.health.rounds} round(s) in ${formatDuration(h.health.elapsedMs)}`;
    const why = h.health.reason ?? h.error;
    return why ? `${how} — ${escapeText(firstLine(why, maxChars))}` : how;
  }
  return `the swap to the new container failed${h.error ? ` — ${escapeText(firstLine(h.error, maxChars))}` : ''}`;
}

/** The phase a run stopped in when no host check failed (connect, lock, pre-pull, a gate …). */
function failedPhase(r: RolloutReport): string | undefined {
  const work = Object.entries(r.phases).filter(([name]) => name !== 'rollback' && name !== 'prune');
  work.sort((a, b) => Date.parse(a[1].startedAt) - Date.parse(b[1].startedAt));
  return work.at(-1)?.[0];
}

/**
 * Last resort when even the least detailed rendering is too large (absurdly long names): cut at a
 * blank line outside any code block so no fence is left open, and say so.
 */
function cutToBytes(text: string, maxBytes: number): string {
  const notice = "\n\n… the summary was cut here to stay under GitHub's step-summary limit; see the report file.\n";
  const room = maxBytes - Buffer.byteLength(notice, 'utf8');
  let cut = 0;
  let bytes = 0;
  let fenceMark: string | undefined;
  for (const line of text.split('\n')) {
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (bytes + size > room) break;
    bytes += size;
    const m = /^(`{3,}|~{3,})/.exec(line);
    if (m) {
      if (!fenceMark) fenceMark = m[1];
      else if (line.trim() === fenceMark) fenceMark = undefined;
    }
    if (!fenceMark && line.trim() === '') cut = bytes;
  }
  const head = Buffer.from(text, 'utf8').subarray(0, cut).toString('utf8');
  let out = head.trimEnd() + notice;
  while (Buffer.byteLength(out, 'utf8') > maxBytes) out = out.slice(0, -1);
  return out;
}
