// Availability in words and tables: for the log, the job summary and the `availability` output.
import { formatDuration } from '../util/duration';
import { AvailabilityFigures, AvailabilityReport } from './types';

/** 0.99531 → "99.53%"; exactly 1 → "100%"; a ratio just below 1 never rounds up to 100%. */
export function percent(ratio: number | null): string {
  if (ratio === null) return 'n/a';
  if (ratio >= 1) return '100%';
  const digits = ratio >= 0.9999 ? 4 : 2;
  const text = (Math.floor(ratio * 100 * 10 ** digits) / 10 ** digits).toFixed(digits);
  return `${text.replace(/\.?0+$/, '')}%`;
}

/** "99.53% (0.4s down of 1m2s; 3 of 620 probes failed)". */
export function formatAvailability(f: AvailabilityFigures): string {
  if (f.availability === null) return 'not measured (no probe finished)';
  return `${percent(f.availability)} (${formatDuration(f.downtimeMs)} down of ${formatDuration(f.uptimeMs + f.downtimeMs)}; ${f.failures} of ${f.probes} probes failed)`;
}

/** The `availability` output: the overall figure in percent, as a number ("100", "99.53"); "" when not measured. */
export function availabilityOutput(report: AvailabilityReport | undefined): string {
  if (!report || report.overall.availability === null) return '';
  return percent(report.overall.availability).replace('%', '');
}

/** A one-line summary for the log. */
export function availabilityLine(report: AvailabilityReport): string {
  const basis =
    report.basis === 'service'
      ? `through ${report.targets
          .filter((t) => t.kind === 'service')
          .map((t) => t.name)
          .join(', ')}`
      : `over ${report.targets.length} host(s)`;
  const hosts = report.basis === 'service' ? `; hosts: ${formatAvailability(report.hosts)}` : '';
  return `availability during the rollout ${basis}: ${formatAvailability(report.overall)}${hosts}`;
}

function cell(text: string): string {
  return text.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}

/** Markdown for the job summary: overall, per batch, per target (with its outages). */
export function availabilityMarkdown(report: AvailabilityReport): string {
  const row = (name: string, f: AvailabilityFigures) =>
    `| ${cell(name)} | ${percent(f.availability)} | ${formatDuration(f.uptimeMs)} | ${formatDuration(f.downtimeMs)} | ${f.probes} | ${f.failures} |`;
  const head = '| | availability | uptime | downtime | probes | failed |\n|---|---:|---:|---:|---:|---:|';
  const lines = [
    `### Availability`,
    '',
    `Probed every ${formatDuration(report.intervalMs)} for ${formatDuration(report.durationMs)}${report.endedBy === 'time-limit' ? ' (stopped at its time limit)' : ''}; ` +
      `each probe's interval counts as uptime when it passed, downtime otherwise.`,
    '',
    head,
    row(report.basis === 'service' ? 'overall (service)' : 'overall (hosts)', report.overall),
    ...(report.service ? [row('all hosts', report.hosts)] : []),
    ...report.batches.map((b) =>
      row(b.index ? `batch ${b.index}${b.group ? ` · ${b.group}` : ''}` : 'between batches', b.overall),
    ),
    '',
    head,
    ...report.targets.map((t) => row(`${t.kind === 'service' ? 'service ' : ''}${t.name}`, t)),
  ];
  const outages = report.targets.flatMap((t) =>
    t.outages.map(
      (o) =>
        `- ${cell(t.name)}: down ${formatDuration(o.durationMs)} from ${o.from}${o.batch ? ` (batch ${o.batch})` : ''}, ${o.failures} failed probe(s): ${cell(o.reason)}`,
    ),
  );
  if (outages.length)
    lines.push('', '<details><summary>Outages</summary>', '', ...outages.slice(0, 100), '', '</details>');
  return lines.join('\n') + '\n';
}
