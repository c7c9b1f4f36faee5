// The job summaries of actions/deploy's sync, retire, maintain and doctor modes (Markdown; every
// text that comes from hosts or users is escaped).
import { DoctorReport, CHECKS } from '../doctor/doctor';
import { MaintainResult } from '../maintain/maintain';
import { code, escapeText, fence, table } from '../report/markdown';
import { renderSummary } from '../report/summary';
import { RetireResult } from './retire';
import { SyncResult } from './sync';

export function syncSummary(r: SyncResult): string {
  const out = [`## aviary sync: ${escapeText(r.result)}`, ''];
  if (r.error) out.push(fence(r.error), '');
  for (const g of r.groups) {
    out.push(`### group ${escapeText(g.group)}: ${g.target ? code(g.target.image) : 'no version'}`, '');
    if (g.target) out.push(escapeText(g.target.source), '');
    if (g.steps.length)
      out.push(
        table(
          ['host', 'changes', 'why'],
          g.steps.map((s) => [escapeText(s.host), s.change ? '**yes**' : 'no', escapeText(s.reason)]),
        ),
        '',
      );
    if (g.report) out.push(renderSummary(g.report), '');
  }
  return out.join('\n');
}

export function retireSummary(r: RetireResult): string {
  return [
    `## aviary retire: ${r.ok ? 'retired' : 'failed'}`,
    '',
    table(
      ['host', 'group', 'result', 'removed'],
      r.hosts.map((h) => [
        escapeText(h.host),
        escapeText(h.group),
        h.ok ? 'retired' : `**failed**: ${escapeText(h.error ?? '')}`,
        h.removed.map(code).join(' ') || '—',
      ]),
    ),
    '',
  ].join('\n');
}

export function maintainSummary(r: MaintainResult): string {
  const out = [`## aviary maintain: ${escapeText(r.result)}`, ''];
  if (r.error) out.push(fence(r.error), '');
  out.push(
    table(
      ['host', 'batch', 'result', 'command', 'service'],
      r.hosts.map((h) => [
        escapeText(h.host),
        String(h.batch ?? '—'),
        h.result === 'failed' ? '**failed**' : h.result,
        h.command
          ? `${h.command.lost ? 'session lost' : h.command.timedOut ? 'timed out' : `exit ${h.command.exitCode}`} after ${Math.round(h.command.durationMs / 100) / 10}s`
          : '—',
        escapeText(
          h.result === 'failed'
            ? (h.error ?? '').split('\n')[0]
            : `${h.health ?? ''}${h.startedService ? '; started again' : ''}`,
        ),
      ]),
    ),
    '',
  );
  return out.join('\n');
}

export function doctorSummary(r: DoctorReport): string {
  const mark = { ok: 'ok', warn: '⚠️ warn', fail: '❌ fail', 'n/a': '—' } as const;
  return [
    `## aviary doctor: ${r.ok ? 'no check failed' : 'a check failed'}`,
    '',
    `image ${code(r.image)}`,
    '',
    table(
      ['host', ...CHECKS],
      r.hosts.map((h) => [
        escapeText(h.host),
        ...CHECKS.map((c) => `${mark[h.checks[c].verdict]}: ${escapeText(h.checks[c].detail)}`),
      ]),
    ),
    '',
  ].join('\n');
}
