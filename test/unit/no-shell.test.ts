// No value from the config or the inputs ever reaches a shell: a static check of every module under
// src/ (programs run with execFile/spawn and an argv array, never exec, execSync or shell: true;
// remote and in-container commands are fixed or argv lists), and the validation that keeps odd
// text out of what aviary hands the engine — container names, labels, image references, commands.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { loadConfig } from '../../src/config/load';
import { newDeploymentId } from '../../src/deploy';
import { InputError, Problems } from '../../src/errors';
import { readHooks } from '../../src/hooks/config';

const SRC = path.resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const CHILD_PROCESS = new Set(['child_process', 'node:child_process']);
/** The child_process functions that take a program and an argv array. */
const ARGV_FUNCTIONS = new Set(['execFile', 'execFileSync', 'spawn', 'spawnSync']);
const SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|dash|zsh|ash|ksh)$/;

interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** Every way src/ could hand text to a shell, found in the syntax tree (comments and strings don't count). */
function scan(file: string, text = fs.readFileSync(file, 'utf8')): Finding[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const report = (node: ts.Node, why: string) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    findings.push({
      file: path.relative(SRC, file),
      line: line + 1,
      text: node.getText(sf).split('\n')[0].slice(0, 120),
      why,
    });
  };

  // What names the file binds to child_process: `import { execFile as run }`, `import * as cp`, require().
  const fromChildProcess = new Map<string, string>(); // local name → exported name
  const namespaces = new Set<string>();
  const actionsExec = new Set<string>(); // local names bound to @actions/exec
  const visitImports = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const mod = node.moduleSpecifier.text;
      const bindings = node.importClause?.namedBindings;
      if (CHILD_PROCESS.has(mod)) {
        if (node.importClause?.name) namespaces.add(node.importClause.name.text);
        if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
        if (bindings && ts.isNamedImports(bindings))
          for (const el of bindings.elements) fromChildProcess.set(el.name.text, (el.propertyName ?? el.name).text);
      }
      if (mod === '@actions/exec') {
        if (bindings && ts.isNamespaceImport(bindings)) actionsExec.add(bindings.name.text);
        if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) actionsExec.add(el.name.text);
      }
    }
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'require' &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0]) &&
      CHILD_PROCESS.has(node.arguments[0].text)
    ) {
      const parent = node.parent;
      if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) namespaces.add(parent.name.text);
      else if (ts.isVariableDeclaration(parent) && ts.isObjectBindingPattern(parent.name)) {
        for (const el of parent.name.elements)
          if (ts.isIdentifier(el.name))
            fromChildProcess.set(
              el.name.text,
              el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.text,
            );
      } else report(node, 'require("child_process") used other than as a binding');
    }
    ts.forEachChild(node, visitImports);
  };
  visitImports(sf);

  for (const [local, name] of fromChildProcess) {
    if (!ARGV_FUNCTIONS.has(name)) {
      const decl = sf.statements.find((s) => ts.isImportDeclaration(s) && s.getText(sf).includes(local)) ?? sf;
      report(
        decl,
        `imports child_process.${name}: only ${[...ARGV_FUNCTIONS].join(', ')} (a program and an argv array) are allowed`,
      );
    }
  }

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      let name: string | undefined;
      if (ts.isIdentifier(callee) && fromChildProcess.has(callee.text)) name = fromChildProcess.get(callee.text);
      if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        namespaces.has(callee.expression.text)
      )
        name = callee.name.text;
      if (name !== undefined) {
        if (!ARGV_FUNCTIONS.has(name)) report(node, `child_process.${name}: runs a command line through a shell`);
        else checkArgvCall(node, name);
      }
      // @actions/exec tokenizes a command line itself: it must be a fixed program plus an argv array.
      const actionsCall =
        (ts.isIdentifier(callee) && actionsExec.has(callee.text)) ||
        (ts.isPropertyAccessExpression(callee) &&
          ts.isIdentifier(callee.expression) &&
          actionsExec.has(callee.expression.text));
      if (actionsCall) {
        const [program, args] = node.arguments;
        if (!program || !isFixedWord(program))
          report(node, '@actions/exec with a built command line (expected a fixed program and an argv array)');
        if (args && !ts.isArrayLiteralExpression(args) && !ts.isIdentifier(args))
          report(node, '@actions/exec arguments must be an array');
      }
      // A method named exec with a command and a callback is ssh2's Client.exec: the remote user's shell
      // runs that text, so it must be a literal (RegExp.exec takes one argument and is not affected).
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'exec' && node.arguments.length >= 2) {
        const command = node.arguments[0];
        if (!ts.isStringLiteral(command) && !ts.isNoSubstitutionTemplateLiteral(command))
          report(node, 'a remote command (ssh exec) built from values: it runs through the remote shell');
      }
    }
    // shell: anything but false, anywhere (spawn options, execa-like helpers, exec options).
    if (
      ts.isPropertyAssignment(node) &&
      propertyName(node.name) === 'shell' &&
      node.initializer.kind !== ts.SyntaxKind.FalseKeyword
    ) {
      report(node, 'shell: option set');
    }
    if (ts.isShorthandPropertyAssignment(node) && node.name.text === 'shell') report(node, 'shell: option set');
    // An in-container command (docker exec, container Cmd) that starts a shell with -c.
    if (
      ts.isPropertyAssignment(node) &&
      ['Cmd', 'Entrypoint'].includes(propertyName(node.name) ?? '') &&
      ts.isArrayLiteralExpression(node.initializer)
    ) {
      const [first, second] = node.initializer.elements;
      if (
        first &&
        ts.isStringLiteral(first) &&
        SHELLS.test(first.text) &&
        second &&
        ts.isStringLiteral(second) &&
        second.text === '-c'
      )
        report(node, 'a container command through sh -c');
    }
    ts.forEachChild(node, visit);
  };

  function checkArgvCall(node: ts.CallExpression, name: string): void {
    const [program, args, options] = node.arguments;
    if (!program) {
      report(node, `${name} without a program`);
      return;
    }
    if (ts.isStringLiteral(program) && /\s/.test(program.text))
      report(node, `${name} with a command line "${program.text}" (expected a program path)`);
    if (
      ts.isTemplateExpression(program) ||
      (ts.isBinaryExpression(program) && program.operatorToken.kind === ts.SyntaxKind.PlusToken)
    )
      report(node, `${name} with a program built from text`);
    if (ts.isStringLiteral(program) && SHELLS.test(program.text)) report(node, `${name} runs a shell`);
    // Without an argv array the next argument would be the options: an argv array is required.
    if (
      !args ||
      !(
        ts.isArrayLiteralExpression(args) ||
        ts.isIdentifier(args) ||
        ts.isCallExpression(args) ||
        ts.isPropertyAccessExpression(args)
      )
    ) {
      report(node, `${name} without an argv array`);
    }
    if (options && ts.isObjectLiteralExpression(options)) {
      for (const p of options.properties) {
        if (
          p.name &&
          propertyName(p.name) === 'shell' &&
          !(ts.isPropertyAssignment(p) && p.initializer.kind === ts.SyntaxKind.FalseKeyword)
        )
          report(p, `${name} with shell`);
      }
    }
  }

  visit(sf);
  return findings;
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

function isFixedWord(node: ts.Expression): boolean {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return !/\s/.test(node.text);
  return ts.isIdentifier(node) || ts.isPropertyAccessExpression(node);
}

/** Scans a module given as text (to prove the scanner sees what it must). */
function scanText(code: string): Finding[] {
  return scan(path.join(SRC, 'probe.ts'), code);
}

describe('no module under src/ runs a shell', () => {
  const files = sourceFiles(SRC);

  test('src/ has modules to check', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  test('only execFile/spawn with argv arrays; no exec, execSync, shell: true, sh -c or built remote commands', () => {
    const findings = files.flatMap((f) => scan(f));
    // The one remote command line: `maintain` runs the user's own `command` (an OS update, a reboot)
    // in the SSH user's shell on the host, by design and as documented; nothing of aviary's is in it.
    const allowed = (f: Finding) =>
      f.file === path.join('maintain', 'ssh-command.ts') && /client\.exec\(line,/.test(f.text);
    expect(findings.filter((f) => !allowed(f)).map((f) => `${f.file}:${f.line}: ${f.why}: ${f.text}`)).toEqual([]);
    expect(fs.readFileSync(path.join(SRC, 'maintain/ssh-command.ts'), 'utf8').match(/client\.exec\(/g)).toHaveLength(1);
  });

  test("the programs src/ runs: the hooks and a host list's program (execFile), and the fixed `docker system dial-stdio` over SSH", () => {
    const users = files
      .filter((f) => /child_process/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    expect(users.sort()).toEqual(['hooks/run.ts', 'inventory/command.ts']);
    expect(fs.readFileSync(path.join(SRC, 'hooks/run.ts'), 'utf8')).toMatch(
      /execFile\(\s*argv\[0\],\s*argv\.slice\(1\),\s*\{/,
    );
    expect(fs.readFileSync(path.join(SRC, 'inventory/command.ts'), 'utf8')).toMatch(
      /execFile\(\s*program,\s*args,\s*\{/,
    );
    expect(fs.readFileSync(path.join(SRC, 'hosts/ssh.ts'), 'utf8')).toContain(
      "client.exec('docker system dial-stdio',",
    );
  });

  test('the scanner catches each forbidden form', () => {
    const probes: Array<[string, RegExp]> = [
      ["import { exec } from 'node:child_process';\nexec(`docker pull ${image}`);", /child_process\.exec/],
      ["import { execSync } from 'child_process';\nexecSync('ls');", /child_process\.execSync/],
      ["import * as cp from 'node:child_process';\ncp.exec('ls', () => 0);", /runs a command line through a shell/],
      ["import { spawn } from 'node:child_process';\nspawn('docker', ['ps'], { shell: true });", /shell/],
      [
        "import { spawn } from 'node:child_process';\nspawn(`docker pull ${x}`);",
        /built from text|without an argv array/,
      ],
      ["import { execFile } from 'node:child_process';\nexecFile('sh', ['-c', cmd], () => 0);", /runs a shell/],
      ["import { execFile as run } from 'node:child_process';\nrun('docker pull x', () => 0);", /command line/],
      ["const { exec } = require('child_process');\nexec('x');", /child_process\.exec/],
      [
        'declare const c: { exec(a: string, b: () => void): void };\nc.exec(`docker ${cmd}`, () => 0);',
        /remote command/,
      ],
      ["const o = { Cmd: ['sh', '-c', `echo ${x}`] };", /sh -c/],
      ["import { exec } from '@actions/exec';\nexec(`docker build ${ctx}`);", /@actions\/exec/],
    ];
    for (const [code, why] of probes) {
      const found = scanText(code);
      expect([code, found.some((f) => why.test(f.why))]).toEqual([code, true]);
    }
    expect(
      scanText(
        "import { execFile } from 'node:child_process';\nexecFile(argv[0], argv.slice(1), { timeout: 1 }, () => 0);\n/x/.exec('y');",
      ),
    ).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Validation of what reaches the engine as names, labels, references and commands.

const BASE = {
  service: 'web',
  image: 'registry.example.com/acme/web',
  groups: { web: { hosts: ['tcp://10.0.0.1:2375'] } },
};

function problems(doc: Record<string, unknown>, image = 'v2'): string[] {
  try {
    loadConfig({ text: JSON.stringify(doc), path: 'aviary.yml', env: {}, overrides: { image } });
    return [];
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const p of err.problems) {
      expect(p).not.toContain('    at ');
      expect(p).not.toMatch(/[\n\r]/);
    }
    return err.problems;
  }
}

const METACHARACTERS = [
  '$(touch /tmp/pwned)',
  '`id`',
  '; rm -rf /',
  '| sh',
  '&& reboot',
  '> /etc/x',
  '\n',
  "'",
  '"',
  '\\',
  '*',
  '{a,b}',
  '#x',
];

describe('container names: the service', () => {
  test.each([
    'Web',
    '-web',
    '.web',
    '_web',
    'web name',
    'web/x',
    'wéb',
    'w'.repeat(64),
    '',
    'web\u202e',
    '../web',
    'web:1',
    ...METACHARACTERS.map((m) => `web${m}`),
  ])('%j is refused, naming service', (service) => {
    const list = problems({ ...BASE, service });
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((p) => p.startsWith('service: '))).toBe(true);
  });

  test.each(['web', 'web-1', 'a.b_c', '0web', 'w'.repeat(63)])('%j is a valid service name', (service) => {
    expect(problems({ ...BASE, service })).toEqual([]);
  });

  test('a service that is not a string is refused, naming service', () => {
    for (const service of [1, true, null, ['web'], { name: 'web' }]) {
      expect(problems({ ...BASE, service })).toEqual([expect.stringMatching(/^service: /)]);
    }
  });

  test("the names aviary gives containers stay in the engine's name charset", () => {
    const ENGINE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
    const id = newDeploymentId();
    expect(id).toMatch(/^[0-9]{8}-[0-9]{6}-[0-9a-f]{16}$/);
    const names = [
      `web.new-${id}`,
      `web.old-0123456789ab`,
      'aviary-lock.web',
      `aviary-lock.web.beat-${id}-12`,
      'aviary-lock.web.dead-0123456789ab',
      `aviary-intent.web.${id}`,
      `${'w'.repeat(63)}.new-${id}`,
    ];
    for (const name of names) expect(name).toMatch(ENGINE_NAME);
  });
});

describe('labels', () => {
  test.each(['aviary.service', 'aviary.image', 'aviary.previous', 'aviary.lock.owner', 'aviary.anything'])(
    'the reserved %s is refused at the top level and per group',
    (key) => {
      expect(problems({ ...BASE, container: { labels: { [key]: 'x' } } })).toEqual([
        expect.stringMatching(
          new RegExp(
            `^container\\.labels\\[${JSON.stringify(key).replace(/\./g, '\\.')}\\]: .*aviary\\.\\* labels hold the deploy record`,
          ),
        ),
      ]);
      expect(
        problems({
          ...BASE,
          groups: { web: { hosts: ['tcp://10.0.0.1:2375'], container: { labels: { [key]: 'x' } } } },
        }),
      ).toEqual([expect.stringMatching(/^groups\.web\.container\.labels\[".*"\]: .*aviary\.\* labels/)]);
    },
  );

  test.each([
    'a b',
    '$(id)',
    'a;b',
    'ünï',
    '-x',
    '.x',
    '',
    'x'.repeat(256),
    'a\nb',
    'a=b',
    ...METACHARACTERS.map((m) => `com.example${m}`),
  ])('the label name %j is refused, naming it', (key) => {
    const list = problems({ ...BASE, container: { labels: { [key]: 'x' } } });
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((p) => p.startsWith('container.labels'))).toBe(true);
  });

  test('label values with control characters are refused; metacharacters are kept as plain data', () => {
    expect(problems({ ...BASE, container: { labels: { 'com.example.x': 'a\u0000b' } } })).toEqual([
      expect.stringMatching(/^container\.labels\.?\[?"?com\.example\.x"?\]?: .*control characters/),
    ]);
    expect(problems({ ...BASE, container: { labels: { 'com.example.x': '$(touch /tmp/pwned); `id`' } } })).toEqual([]);
  });
});

describe('image references', () => {
  const ODD = [
    'web:tag;rm',
    'web$(id)',
    'web`id`',
    'WEB/app',
    'web:-tag',
    'web:.tag',
    'web@sha256:abc',
    'web@md5:' + 'a'.repeat(32),
    'registry.example.com:99999999/x',
    'web:tag with space',
    '../../etc/passwd',
    `web:${'a'.repeat(129)}`,
    `web@sha256:${'A'.repeat(64)}`,
    '-web',
    'web/',
    '/web',
    'web//x',
    'a:b:c',
    'web\n:v2',
    'web\u202e',
    'wéb',
    'web:v2|sh',
    `reg.example.com/a/${'b'.repeat(300)}`,
    'http://registry.example.com/web',
    'registry.example.com/web:v2&&x',
  ];

  test.each(ODD)("the file's image %j is refused, naming image", (image) => {
    const list = problems({ ...BASE, image });
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((p) => /^image: /.test(p) || /^input image: /.test(p))).toBe(true);
    expect(list.some((p) => p.startsWith('image: '))).toBe(true);
  });

  test.each([...ODD, 'v2;rm', '$(id)', '`id`', 'sha256:xyz', '@sha256:', 'v2\nv3', ' ', '::'])(
    'the image input %j is refused, naming input image',
    (input) => {
      const list = problems(BASE, input);
      if (input.trim() === '') return; // blank means "not given": then the file's repository lacks a tag
      expect(list.length).toBeGreaterThan(0);
      expect(list.every((p) => p.startsWith('input image: '))).toBe(true);
    },
  );

  test.each([
    'registry.example.com:5000/acme/web:v2',
    `web@sha256:${'a'.repeat(64)}`,
    'localhost/web:1',
    '[::1]:5000/a/b:c',
    `registry.example.com/acme/web:v2@sha256:${'b'.repeat(64)}`,
    'web_app/x__y:1.0-rc.1',
  ])('%j is accepted', (image) => {
    expect(problems({ ...BASE, image: undefined }, image)).toEqual([]);
  });
});

describe('commands are argv lists, never a command line', () => {
  test("container.command, health.command and a group's as a string are refused, saying no shell runs them", () => {
    const list = problems({
      ...BASE,
      container: { command: '/app/server --port 8080; rm -rf /' },
      health: { command: 'curl -f localhost || exit 1' },
      groups: { web: { hosts: ['tcp://10.0.0.1:2375'], health: { command: '$(id)' } } },
    });
    expect(list).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^container\.command: ".*" is not a list of strings .*no shell runs it/),
        expect.stringMatching(/^health\.command: ".*" is not a list of strings .*no shell runs it/),
        expect.stringMatching(/^groups\.web\.health\.command: ".*" is not a list of strings .*no shell runs it/),
      ]),
    );
  });

  test('metacharacters inside an argv item stay one argument (no shell splits them)', () => {
    const config = loadConfig({
      text: JSON.stringify({
        ...BASE,
        container: { command: ['/app/server', '--name', '$(touch /tmp/pwned); `id`'] },
        health: { command: ['/bin/check', 'a b|c'] },
      }),
      env: {},
      overrides: { image: 'v2' },
    });
    expect(config.groups[0].container.command).toEqual(['/app/server', '--name', '$(touch /tmp/pwned); `id`']);
    expect(config.groups[0].health.command).toEqual(['/bin/check', 'a b|c']);
  });

  test('a hook as a string is refused; the program cannot come from a placeholder', () => {
    const p = new Problems();
    expect(readHooks(p, 'hooks', { 'before-stop': 'lb-drain {{host}}; rm -rf /' })).toBeUndefined();
    expect(readHooks(p, 'hooks', { 'after-healthy': { command: '/bin/true' } })).toBeUndefined();
    expect(readHooks(p, 'hooks', { 'before-stop': ['{{host}}', 'x'] })).toBeUndefined();
    expect(p.list).toEqual([
      expect.stringMatching(/^hooks\.before-stop: ".*" is not a list of strings .*no shell runs it/),
      expect.stringMatching(
        /^hooks\.after-healthy\.command: "\/bin\/true" is not a list of strings .*no shell runs it/,
      ),
      expect.stringMatching(/^hooks\.before-stop\[0\]: the program must not come from a placeholder/),
    ]);
    const ok = new Problems();
    expect(readHooks(ok, 'hooks', { 'before-stop': ['/usr/local/bin/lb-drain', '{{host}}', '$(id);`x`'] })).toEqual({
      beforeStop: expect.objectContaining({
        action: { kind: 'command', argv: ['/usr/local/bin/lb-drain', '{{host}}', '$(id);`x`'] },
      }),
    });
    expect(ok.list).toEqual([]);
  });

  test('secret-env names, volumes and networks with metacharacters are refused, naming the field', () => {
    const list = problems({
      ...BASE,
      container: { 'secret-env': ['DB;rm'], volumes: ['/srv/$(id):/data', 'a b:/x'], network: 'net;rm' },
    });
    expect(list).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^container\.secret-env\[0\]: /),
        expect.stringMatching(/^container\.volumes\[1\]: /),
        expect.stringMatching(/^container\.network: /),
      ]),
    );
    // A host path is a path, not a command line: "$(id)" in it is odd but inert (bind mounts are not shell-expanded).
  });
});
