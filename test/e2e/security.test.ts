// Secrets never show and checks stay on. Real deploys through the bundle (the deploy action, and the
// CLI with --password-stdin) to a TCP, a TLS and an SSH host, pulling from the htpasswd registry,
// with a secret-env value — a success, a failed canary rolled back, a pre-pull with a wrong password
// — then everything the runs wrote is searched for every form of every secret. TLS verification and
// SSH host-key checking are on by default and fail before anything changes; turning them off warns.
// The summary and the JSON report escape user-controlled text (what test/unit/summary.test.ts lacks).
// Needs the bundle (dist/, or AVIARY_DIST=/tmp/sec-dist built with `npx ncc build src/index.ts -o /tmp/sec-dist -e cpu-features`).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { pack } from 'tar-stream';
import { stringify } from 'yaml';
import { writeReport } from '../../src/deploy';
import { escapeText } from '../../src/report/markdown';
import { renderPlan, renderSummary } from '../../src/report/summary';
import { RolloutReport } from '../../src/report/types';
import { DeployFixture, HostRef, pull } from '../support/deploy-fixture';
import { testImageDockerfile } from '../support/images';
import {
  ActionRun,
  describeLeaks,
  distDir,
  findLeaks,
  keyNeedles,
  maskedValues,
  Needle,
  ProcessRun,
  registryNeedles,
  runActionBundle,
  runNode,
  shownStdout,
  valueNeedles,
  workflowCommands,
} from '../support/secrets';

const DIST = distDir();
const bundled =
  fs.existsSync(path.join(DIST, 'index.js')) &&
  fs.existsSync(path.join(DIST, 'deploy', 'index.js')) &&
  fs.existsSync(path.join(DIST, 'cli.js'));
const fleetUp = fs.existsSync(path.join(process.env.AVIARY_FLEET_DIR || '/tmp/aviary-fleet', 'fleet.json'));
if (!bundled) console.warn(`skipping the security runs: no bundle at ${DIST} (set AVIARY_DIST)`);

// In CI the secret-leak runs are a promise of the README: they fail, never skip, when they cannot run.
if (process.env.CI && !(bundled && fleetUp)) {
  test('the secret-leak suite can run', () => {
    throw new Error(
      `the secret-leak suite cannot run in CI: ${bundled ? '' : `no bundle at ${DIST}; `}${fleetUp ? '' : 'the test fleet is not up'}`,
    );
  });
}

const SERVICE = 't-sec';
const PORT = 18400;

/** Outside code blocks, where text is inert: the Markdown a reader's browser interprets. */
function prose(md: string): string {
  return md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
}

(bundled && fleetUp ? describe : describe.skip)('secrets, TLS and SSH through the real bundle', () => {
  const fx = bundled && fleetUp ? new DeployFixture(SERVICE, PORT) : undefined!;
  const fleet = fx?.fleet;
  const run = randomBytes(3).toString('hex');
  const read = (p: string) => fs.readFileSync(p, 'utf8');

  // The secrets of this test, each distinctive.
  const user = fleet?.registry.username;
  const password = fleet?.registry.password;
  const wrongPassword = `Wr0ng-${randomBytes(6).toString('hex')}-pw`;
  const dbUrl = `postgres://app:Db-${randomBytes(8).toString('hex')}@db.internal:5432/app?sslmode=require`;
  const tls = fleet && {
    ca: read(fleet.tls.ca),
    cert: read(fleet.tls.cert),
    key: read(fleet.tls.key),
    wrongCa: read(fleet.tls.wrongCa),
  };
  const sshKey = fleet && read(fleet.ssh.key);

  const repo = fleet && `${fleet.registry.auth}/${SERVICE}/app`;
  const tag = (t: string) => `${t}-${run}`;
  const dir = fx ? fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-sec-')) : '';
  let hosts: HostRef[];

  /** Everything the runs wrote, by source; searched for secrets at the end. */
  const sources: Record<string, string> = {};
  /** Raw stdout of every run, ::add-mask:: lines included, for the masking check. */
  const rawRuns: string[] = [];
  /** The same for the run whose container logs its own secret (a separate finding). */
  const leakySources: Record<string, string> = {};
  const configEnv = () => ({
    SEC_CA: tls.ca,
    SEC_CERT: tls.cert,
    SEC_KEY: tls.key,
    SEC_DB_URL: dbUrl,
    AVIARY_SSH_KEY: sshKey,
  });
  const github = {
    GITHUB_REPOSITORY: 'acme/t-sec',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SHA: 'f'.repeat(40),
  };

  function hostsYaml(o: { verify?: boolean; ca?: string } = {}) {
    return [
      { name: 'h1', docker: fleet.hosts[0].tcp! },
      {
        name: 'h2',
        docker: fleet.hosts[1].tls!,
        tls: {
          ca: o.ca ?? 'SEC_CA',
          cert: 'SEC_CERT',
          key: 'SEC_KEY',
          ...(o.verify === undefined ? {} : { verify: o.verify }),
        },
      },
      { name: 'h3', docker: fleet.hosts[2].ssh! },
    ];
  }

  function writeConfig(
    name: string,
    o: { verify?: boolean; ca?: string; service?: string; groups?: object } = {},
  ): string {
    const [h1, h2, h3] = hostsYaml(o);
    const file = path.join(dir, name);
    fs.writeFileSync(
      file,
      stringify({
        service: o.service ?? SERVICE,
        image: repo,
        groups: o.groups ?? { canary: { hosts: [h1] }, web: { hosts: [h2, h3] } },
        container: {
          ports: [`${PORT}:8080`],
          env: { APP_ENV: 'sec' },
          'secret-env': ['SEC_DB_URL'],
          labels: { 'com.example.team': 'sec' },
          'stop-timeout': '2s',
        },
        strategy: { batches: [1, '100%'], keep: 2 },
        health: {
          http: { path: '/health', port: PORT, body: 'ok' },
          interval: '200ms',
          timeout: '1s',
          'unhealthy-threshold': 2,
          deadline: '8s',
        },
      }),
    );
    return file;
  }

  /** Builds on the builder engine and pushes to the htpasswd registry with the fleet's credentials. */
  async function pushImage(ref: string, dockerfile: string): Promise<string> {
    const tar = pack();
    tar.entry({ name: 'Dockerfile' }, dockerfile);
    tar.finalize();
    const follow = (stream: NodeJS.ReadableStream, what: string) =>
      new Promise<void>((resolve, reject) => {
        fx.builder.modem.followProgress(stream, (err: Error | null, out: Array<{ error?: string }>) => {
          const failed = err?.message ?? out.find((o) => o.error)?.error;
          if (failed) reject(new Error(`${what}: ${failed}`));
          else resolve();
        });
      });
    await follow(
      await fx.builder.buildImage(
        tar as unknown as NodeJS.ReadableStream,
        { t: ref, version: '1' } as Docker.ImageBuildOptions,
      ),
      `build ${ref}`,
    );
    await follow(
      await fx.builder
        .getImage(ref)
        .push({ authconfig: { username: user, password, serveraddress: fleet.registry.auth } } as object),
      `push ${ref}`,
    );
    return ref;
  }

  /** Records what a run wrote under a label: stdout as the runner shows it, stderr, the files, the report. */
  function collect(
    into: Record<string, string>,
    label: string,
    r: ProcessRun & Partial<ActionRun>,
    reportFile?: string,
  ): void {
    rawRuns.push(r.stdout);
    into[`${label} stdout`] = shownStdout(r.stdout);
    into[`${label} stderr`] = r.stderr;
    if (r.files) {
      into[`${label} GITHUB_OUTPUT`] = r.files.output;
      into[`${label} GITHUB_STEP_SUMMARY`] = r.files.summary;
      into[`${label} GITHUB_STATE`] = r.files.state;
    }
    if (reportFile && fs.existsSync(reportFile)) into[`${label} report`] = read(reportFile);
  }

  /** The ::error:: message of an action run (what the job's annotation says). */
  function failure(r: ActionRun): string {
    return workflowCommands(r.stdout)
      .filter((c) => c.command === 'error')
      .map((c) => c.data)
      .join('\n');
  }
  function warnings(r: ActionRun): string {
    return workflowCommands(r.stdout)
      .filter((c) => c.command === 'warning')
      .map((c) => c.data)
      .join('\n');
  }

  function deployAction(
    label: string,
    image: string,
    inputs: Record<string, string> = {},
    env: Record<string, string> = {},
    into = sources,
  ): Promise<ActionRun> {
    const report = path.join(dir, `${label.replace(/\W+/g, '-')}.json`);
    return runActionBundle(
      'deploy',
      {
        config: path.join(dir, 'aviary.yml'),
        image,
        username: user,
        password,
        'ssh-known-hosts': fleet.ssh.knownHosts,
        'report-file': report,
        summary: 'true',
        ...inputs,
      },
      { ...configEnv(), ...github, ...env },
    ).then((r) => {
      collect(into, label, r, report);
      return r;
    });
  }

  async function snapshot(): Promise<string> {
    return JSON.stringify(await Promise.all(hosts.map((h) => fx.containers(h))));
  }

  beforeAll(async () => {
    hosts = ['h1', 'h2', 'h3'].map((n) => fx.host(n));
    await fx.clean(hosts);
    const base = `${fleet.registry.plain}/${fleet.baseImage}`;
    await Promise.all([
      pushImage(`${repo}:${tag('v1')}`, testImageDockerfile(base, { version: 'v1' })),
      pushImage(`${repo}:${tag('v2')}`, testImageDockerfile(base, { version: 'v2' })),
      pushImage(`${repo}:${tag('v3')}`, testImageDockerfile(base, { version: 'v3' })),
      // Answers /health with markup instead of "ok", and logs markup and a would-be workflow command.
      pushImage(
        `${repo}:${tag('evil')}`,
        [
          `FROM ${base}`,
          `RUN mkdir -p /www && echo evil > /www/version && printf '%s\\n' '<script>alert(1)</script> | **bold** [x](http://evil.example) \`tick\` $m$ <!--' > /www/health`,
          `CMD ["sh", "-c", "trap 'exit 0' TERM; echo '<img src=x onerror=alert(1)>'; echo '::warning::injected by the container'; httpd -f -p 8080 -h /www & wait"]`,
        ].join('\n') + '\n',
      ),
      // Logs its own secret-env value as it starts (as many apps do), then fails its health check.
      pushImage(
        `${repo}:${tag('leaky')}`,
        [
          `FROM ${base}`,
          'RUN mkdir -p /www && echo leaky > /www/version',
          `CMD ["sh", "-c", "trap 'exit 0' TERM; echo connecting to $SEC_DB_URL; httpd -f -p 8080 -h /www & wait"]`,
        ].join('\n') + '\n',
      ),
    ]);
    writeConfig('aviary.yml');
  }, 240_000);

  afterAll(async () => {
    try {
      await fx.clean(hosts);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(fx.dir, { recursive: true, force: true });
    }
  }, 60_000);

  describe('deploys', () => {
    test('the deploy action rolls v1 out to the TCP, TLS and SSH hosts from the htpasswd registry', async () => {
      const r = await deployAction('v1 action', tag('v1'));
      expect({ code: r.code, error: failure(r) }).toEqual({ code: 0, error: '' });
      expect(r.outputs.result).toBe('deployed');
      expect(r.outputs['updated-hosts'].split(',').sort()).toEqual(['h1', 'h2', 'h3']);
      for (const h of hosts) expect(await fx.version(h)).toBe('v1');
    });

    test('a dry run prints the plan and its summary', async () => {
      const r = await deployAction('plan action', tag('v2'), { 'dry-run': 'true' });
      expect(r.code).toBe(0);
      expect(r.files.summary).toContain('dry run');
    });

    test('a failing canary (markup in the health answer) is rolled back, and the summary escapes it', async () => {
      const r = await deployAction('evil action', tag('evil'));
      expect(r.code).toBe(1);
      expect(r.outputs.result).toBe('rolled-back');
      expect(r.outputs['rolled-back-hosts']).toBe('h1');
      expect(failure(r)).toMatch(/h1/);
      for (const h of hosts) expect(await fx.version(h)).toBe('v1');
      // The container's markup is in the evidence (a code block) but never live in the summary.
      expect(r.files.summary).toContain('<script>alert(1)</script>');
      expect(prose(r.files.summary)).not.toMatch(/<script|<img|<!--|\*\*bold\*\*|\[x\]\(/);
      // The container's output cannot become a workflow command: no line of stdout starts with it.
      expect(r.stdout.split('\n').filter((l) => l.trimStart().startsWith('::warning::injected'))).toEqual([]);
    });

    test('a pre-pull with a wrong password fails on every host, naming them, and changes nothing', async () => {
      const before = await snapshot();
      const r = await deployAction('wrong-password action', tag('v3'), { password: wrongPassword });
      expect(r.code).toBe(1);
      expect(r.outputs.result).toBe('failed');
      const message = failure(r);
      expect(message).toMatch(/pre-pull of .* failed on 3 host\(s\), nothing was changed/);
      for (const h of ['h1', 'h2', 'h3']) expect(message).toContain(`${h}: `);
      expect(await snapshot()).toBe(before);
    });

    test('the CLI deploys v2 with --password-stdin', async () => {
      const report = path.join(dir, 'cli.json');
      const r = await runNode(
        path.join(DIST, 'cli.js'),
        [
          'deploy',
          '--config',
          path.join(dir, 'aviary.yml'),
          '--image',
          tag('v2'),
          '--username',
          user,
          '--password-stdin',
          '--ssh-known-hosts',
          fleet.ssh.knownHosts,
          '--report-file',
          report,
        ],
        { PATH: process.env.PATH ?? '', HOME: dir, ...configEnv() },
        { stdin: password + '\n' },
      );
      collect(sources, 'v2 cli', r, report);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/error/) });
      expect(r.stdout).toContain('result=deployed');
      for (const h of hosts) expect(await fx.version(h)).toBe('v2');
    });

    test('a container that logs its secret-env value: the failure evidence does not repeat it', async () => {
      const r = await deployAction('leaky action', tag('leaky'), {}, {}, leakySources);
      expect(r.code).toBe(1);
      expect(r.outputs.result).toBe('rolled-back');
      for (const h of hosts) expect(await fx.version(h)).toBe('v2');
      const leaks = findLeaks(leakySources, valueNeedles('secret-env SEC_DB_URL', dbUrl));
      expect(describeLeaks(leaks)).toBe('');
    });
  });

  describe('TLS verification and SSH host-key checking are on by default', () => {
    test('a wrong CA for the TLS host fails before anything changes, naming the host', async () => {
      const before = await snapshot();
      const r = await deployAction('wrong-ca action', tag('v1'), {}, { SEC_CA: tls.wrongCa });
      expect(r.code).toBe(1);
      expect(r.outputs.result).toBe('failed');
      const message = failure(r);
      expect(message).toMatch(/Could not connect to host h2/);
      expect(message).toMatch(/h2 \(tcp:\/\/10\.210\.0\.12:2376\): TLS: certificate signed by unknown authority/);
      expect(message).not.toMatch(/- h1|- h3/);
      expect(await snapshot()).toBe(before);
    });

    test('verify: false connects despite the wrong CA, and warns that it is off', async () => {
      writeConfig('noverify.yml', { verify: false });
      const r = await deployAction(
        'no-verify action',
        tag('v2'),
        { config: path.join(dir, 'noverify.yml'), 'dry-run': 'true' },
        { SEC_CA: tls.wrongCa },
      );
      expect({ code: r.code, error: failure(r) }).toEqual({ code: 0, error: '' });
      expect(warnings(r)).toMatch(/TLS verification is OFF for h2 \(tcp:\/\/10\.210\.0\.12:2376\)/);
    });

    test('a wrong known_hosts fails before anything changes, naming the host and the key it offered', async () => {
      const before = await snapshot();
      const r = await deployAction('wrong-known-hosts action', tag('v1'), {
        'ssh-known-hosts': fleet.ssh.wrongKnownHosts,
      });
      expect(r.code).toBe(1);
      const message = failure(r);
      expect(message).toMatch(/Could not connect to host h3/);
      expect(message).toMatch(
        /SSH host key of h3 \(root@10\.210\.0\.13\) does not match known_hosts: it offered ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}, known_hosts has ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}/,
      );
      expect(await snapshot()).toBe(before);
    });

    test('no known_hosts at all fails too: the check is on unless turned off', async () => {
      const before = await snapshot();
      const r = await deployAction('no-known-hosts action', tag('v1'), { 'ssh-known-hosts': '' }, { HOME: dir });
      expect(r.code).toBe(1);
      expect(failure(r)).toMatch(
        /SSH host h3 \(root@10\.210\.0\.13\) is not in known_hosts; it offered ssh-ed25519 SHA256:/,
      );
      expect(await snapshot()).toBe(before);
    });

    test('ssh-host-key-check: false connects despite the wrong known_hosts, and warns with the fingerprint', async () => {
      const r = await deployAction('no-host-key-check action', tag('v2'), {
        'ssh-known-hosts': fleet.ssh.wrongKnownHosts,
        'ssh-host-key-check': 'false',
        'dry-run': 'true',
      });
      expect({ code: r.code, error: failure(r) }).toEqual({ code: 0, error: '' });
      expect(warnings(r)).toMatch(
        /SSH host key checking is OFF for h3 \(root@10\.210\.0\.13\): accepted ssh-ed25519 SHA256:/,
      );
    });

    test('the CLI checks host keys too, and --no-ssh-host-key-check warns', async () => {
      const base = [
        'plan',
        '--config',
        path.join(dir, 'aviary.yml'),
        '--image',
        tag('v2'),
        '--username',
        user,
        '--password-stdin',
        '--ssh-known-hosts',
        fleet.ssh.wrongKnownHosts,
      ];
      const env = { PATH: process.env.PATH ?? '', HOME: dir, ...configEnv() };
      const checked = await runNode(path.join(DIST, 'cli.js'), base, env, { stdin: password });
      collect(sources, 'plan cli wrong known_hosts', checked);
      expect(checked.code).toBe(1);
      expect(checked.stderr).toMatch(/error: .*SSH host key of h3 \(root@10\.210\.0\.13\) does not match known_hosts/s);
      const unchecked = await runNode(path.join(DIST, 'cli.js'), [...base, '--no-ssh-host-key-check'], env, {
        stdin: password,
      });
      collect(sources, 'plan cli no host key check', unchecked);
      expect(unchecked.code).toBe(0);
      expect(unchecked.stderr).toMatch(/warning: SSH host key checking is OFF for h3/);
    });
  });

  describe('what came back from the hosts', () => {
    test('a label on a host cannot inject a workflow command into the log', async () => {
      // Whoever can create containers on a host controls the labels aviary reads back as the record.
      const service = 't-sec-inj';
      const h1 = hosts[0];
      const base = `${fleet.registry.plain}/${fleet.baseImage}`;
      await h1.docker
        .getContainer(service)
        .remove({ force: true })
        .catch(() => undefined);
      await pull(h1.docker, base);
      await h1.docker.createContainer({
        name: service,
        Image: base,
        Cmd: ['true'],
        Labels: {
          'aviary.service': service,
          'aviary.image': 'x:1\n::error title=injected::injected from a host label\n::add-mask::h1',
        },
      });
      try {
        const file = writeConfig('inject.yml', { service, groups: { canary: { hosts: [hostsYaml()[0]] } } });
        const r = await deployAction('label-injection action', tag('v2'), { config: file, 'dry-run': 'true' });
        expect(r.code).toBe(0);
        // Escaped inside one of aviary's own commands is fine; a line of its own is a command the runner
        // obeys (it trims leading whitespace, and reads both ::command:: and the older ##[command]).
        const injected = r.stdout
          .split('\n')
          .map((l) => l.trimStart())
          .filter((l) => l.startsWith('::error title=injected') || l.startsWith('::add-mask::h1'));
        expect(injected).toEqual([]);
      } finally {
        await h1.docker
          .getContainer(service)
          .remove({ force: true })
          .catch(() => undefined);
      }
    });
  });

  describe('the search', () => {
    const needles = (): Needle[] => [
      ...registryNeedles('registry password', user, password),
      ...registryNeedles('wrong registry password', user, wrongPassword),
      ...keyNeedles('TLS client key', tls.key),
      ...keyNeedles('SSH private key', sshKey),
      ...valueNeedles('secret-env SEC_DB_URL', dbUrl),
    ];

    test('the containers: labels and everything else but Config.Env hold no secret; Config.Env holds the secret-env value', async () => {
      let envHits = 0;
      for (const h of hosts) {
        const list = await h.docker.listContainers({ all: true });
        for (const c of list.filter((x) => x.Names.some((n) => n === `/${SERVICE}` || n.startsWith(`/${SERVICE}.`)))) {
          const info = await h.docker.getContainer(c.Id).inspect();
          if ((info.Config.Env ?? []).includes(`SEC_DB_URL=${dbUrl}`)) envHits++;
          const { Env: _env, ...config } = info.Config;
          sources[`inspect ${h.name} ${info.Name}`] = JSON.stringify({ ...info, Config: config }, null, 1);
          sources[`labels ${h.name} ${info.Name}`] = JSON.stringify(info.Config.Labels);
        }
      }
      // The control: the value the grep looks for is really there, where it belongs.
      expect(envHits).toBeGreaterThanOrEqual(3);
      expect(Object.keys(sources).filter((k) => k.startsWith('labels ')).length).toBeGreaterThanOrEqual(6);
    });

    test('every secret form is found where it is expected (the needles work)', () => {
      const control = findLeaks(
        {
          env: `SEC_DB_URL=${dbUrl}`,
          key: tls.key,
          ssh: sshKey,
          password,
          auth: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
        },
        needles(),
      );
      const found = new Set(control.map((l) => l.secret));
      for (const n of needles())
        if (!n.name.startsWith('wrong') && !n.name.includes('URL-encoded') && !n.name.includes('JSON-escaped'))
          expect([n.name, found.has(n.name)]).toEqual([n.name, true]);
    });

    test('no secret in stdout, stderr, outputs, state, summaries, reports, labels or inspect output of any run', () => {
      expect(Object.keys(sources).length).toBeGreaterThan(40);
      const leaks = findLeaks(sources, needles());
      expect(describeLeaks(leaks)).toBe('');
    });

    test('the runner is told to mask every secret, and each line of a key (it masks log lines one by one)', () => {
      const stdouts = Object.entries(sources)
        .filter(([k]) => k.endsWith(' stdout'))
        .map(([k]) => k);
      expect(stdouts.length).toBeGreaterThan(5);
      // Read the raw stdout again: the collected one has the ::add-mask:: lines removed.
      const masked = new Set<string>();
      for (const r of rawRuns) for (const v of maskedValues(r)) masked.add(v);
      const want = [
        ['registry password', password],
        ['base64 user:pass', Buffer.from(`${user}:${password}`).toString('base64')],
        ['secret-env value', dbUrl],
        ...keyNeedles('TLS client key', tls.key)
          .filter((n) => / line \d+$/.test(n.name))
          .map((n) => [n.name, n.text]),
        ...keyNeedles('SSH private key', sshKey)
          .filter((n) => / line \d+$/.test(n.name))
          .map((n) => [n.name, n.text]),
      ];
      const missing = want.filter(([, v]) => !masked.has(v)).map(([name]) => name);
      expect(missing).toEqual([]);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Escaping: what test/unit/summary.test.ts does not cover — the title's code spans, the dry run's
// table, lists of names, bidi and control characters, values read back from host labels, the plan
// line in the log, and the JSON report.

const EVIL = 'x</code><script>alert(1)</script>|**b**[l](http://e)`t`$m$#h!i~s~_u_\\';
/** What an image tag read back from a host label may hold (no "/": the summary shows what follows the last one). */
const EVIL_TAG = 'v1<img src=x onerror=alert(1)>|**b**`t`$m$[l](x)';
const BIDI = 'abc\u202eevil\u2066\u2069\u200f';
const CONTROL = 'a\u001b[31mred\u0007\u0000\u0085\u2028b';

function evilReport(o: { dryRun?: boolean } = {}): RolloutReport {
  const t0 = Date.parse('2025-03-01T12:00:00.000Z');
  const iso = (ms: number) => new Date(t0 + ms).toISOString();
  const prev = {
    image: `registry.example.com/acme/web:${'1.1'}`,
    digest: 'sha256:' + '1'.repeat(64),
    container: 'c0ffee',
  };
  // Host and group names pass the loader's patterns; the rest comes from hosts, engines and containers.
  const hosts = ['web-1', 'web-2', 'web-3'].map((name, i) => ({
    name,
    group: 'web',
    batch: o.dryRun ? undefined : 1,
    result: (o.dryRun ? 'untouched' : i === 0 ? 'rolled-back' : i === 1 ? 'restore-failed' : 'untouched') as
      'untouched' | 'rolled-back' | 'restore-failed',
    // `previous.image` is read back from the aviary.image label on the host: anyone with the engine sets it.
    previous: { ...prev, image: `reg.example.com/a/w:${EVIL_TAG}` },
    next: { image: 'registry.example.com/acme/web:1.2' },
    ...(o.dryRun || i === 2
      ? {}
      : {
          health: {
            healthy: false,
            elapsedMs: 900,
            rounds: 3,
            latenciesMs: [2],
            reason: `${name}: body ${EVIL} ${BIDI} ${CONTROL}\n# heading\n\`\`\`\n~~~\n<details open>`,
          },
          error: `${name}: ${EVIL} ${BIDI} ${CONTROL}`,
          startedAt: iso(1000),
          durationMs: 900,
        }),
  }));
  return {
    service: 'web',
    image: `registry.example.com/acme/web:1.2`,
    digest: o.dryRun ? undefined : 'sha256:' + 'a'.repeat(64),
    deployment: '20250301-120000-ab12',
    deployedBy: `mallory@${EVIL}`,
    result: o.dryRun ? 'deployed' : 'failed',
    dryRun: !!o.dryRun,
    startedAt: iso(0),
    durationMs: 3000,
    phases: {
      connect: { startedAt: iso(0), durationMs: 100 },
      ...(o.dryRun
        ? {}
        : { batches: { startedAt: iso(1000), durationMs: 900 }, rollback: { startedAt: iso(2000), durationMs: 500 } }),
    },
    plan: [{ index: 1, group: 'web', hosts: ['web-1', 'web-2', 'web-3'] }],
    batches: o.dryRun
      ? []
      : [
          {
            index: 1,
            total: 1,
            group: 'web',
            hosts: ['web-1', 'web-2', 'web-3'],
            result: 'failed',
            startedAt: iso(1000),
            durationMs: 900,
            healthy: 0,
            unhealthy: 2,
          },
        ],
    hosts,
    error: o.dryRun ? undefined : `web-1: ${EVIL}\n${BIDI}\n${CONTROL}`,
    warnings: [`warning ${EVIL} ${BIDI} ${CONTROL}\n## injected heading`],
  };
}

/** Characters that reorder or hide text (Trojan Source), and C0/C1 controls other than the line break. */
const SNEAKY = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('the summary and the report escape user-controlled text', () => {
  test('the failed run: no live markup from image labels, errors, warnings or deployed-by, outside code blocks', () => {
    const md = renderSummary(evilReport());
    const live = prose(md);
    expect(live).not.toMatch(/<script|<\/code><script|\*\*b\*\*|\[l\]\(|<details|^#{1,6} (heading|injected)/m);
    expect(live).not.toContain('`t`');
    expect(live).not.toContain('$m$');
    // The image tag of the previous version (read from a host label) is in an inert <code>.
    expect(md).toContain(`<code>${escapeText(EVIL_TAG)} sha256:111111111111…</code>`);
    // deployed-by (a user@machine or a URL from the environment) too.
    expect(md).toContain(`by <code>mallory@${escapeText(EVIL)}</code>`);
    // Every host row keeps its columns: no raw | from user text.
    const rows = live.split('\n').filter((l) => /^\| web-\d /.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.split('|').length).toBe(8); // 6 cells of the host table
  });

  test('the dry run: the "what replaces what" table escapes the versions read from the hosts', () => {
    const md = renderSummary(evilReport({ dryRun: true }));
    const rows = prose(md)
      .split('\n')
      .filter((l) => /^\| web-\d /.test(l));
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.split('|').length).toBe(6); // 4 cells
      expect(row).not.toMatch(/<script|\*\*b\*\*/);
    }
  });

  test('no control, bidi or line-separator characters reach the summary', () => {
    const md = renderSummary(evilReport());
    const found = [...md]
      .filter((c) => SNEAKY.test(c))
      .map((c) => `U+${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
    expect([...new Set(found)]).toEqual([]);
  });

  test('the plan line in the log cannot start a workflow command', () => {
    const report = evilReport({ dryRun: true });
    report.hosts[0].previous.image = 'x:1\n::error::injected';
    const lines = renderPlan(report).split('\n');
    expect(lines.filter((l) => /^(::|##\[)/.test(l.trimStart()))).toEqual([]);
  });

  test('the JSON report: valid, round-trips exactly, and holds no raw control character', () => {
    const report = evilReport();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aviary-sec-report-')), 'sub', 'report.json');
    writeReport(file, report);
    const text = fs.readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual(report);
    // JSON escapes C0 controls; a reader that prints the file (cat, less) sees no terminal escapes.
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    fs.rmSync(path.dirname(path.dirname(file)), { recursive: true, force: true });
  });
});
