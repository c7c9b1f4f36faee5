"use strict";
exports.id = 323;
exports.ids = [323];
exports.modules = {

/***/ 8323:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/commands/command.ts
// The shape of one `aviary` subcommand, and its flags read through node:util's parseArgs.


/**
 * Parses argv against the command's flags with node:util's parseArgs; an unknown flag or a missing
 * value is an InputError. Flags may repeat (the last value wins for get()); `--` ends the flags.
 */
function parseArgs(command, argv, env = process.env) {
    const byName = new Map(command.flags.map((f) => [f.name, f]));
    // util's parseArgs refuses a value on a boolean option, but our switches take one (--pull=false):
    // the value is cut off here and read back from argv by the token's index.
    const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
    const args = argv.map((arg, i) => {
        const eq = arg.indexOf('=');
        return i < end && arg.startsWith('--') && eq > 2 && byName.get(arg.slice(2, eq))?.boolean ? arg.slice(0, eq) : arg;
    });
    const options = Object.fromEntries(command.flags.map((f) => [f.name, { type: f.boolean ? 'boolean' : 'string', multiple: !!f.multiple }]));
    let tokens;
    try {
        ({ tokens } = (0,external_node_util_.parseArgs)({ args, options, strict: true, allowPositionals: true, tokens: true }));
    }
    catch (err) {
        throw flagError(command.name, err);
    }
    const values = new Map();
    const positional = [];
    for (const token of tokens) {
        if (token.kind === 'positional')
            positional.push(token.value);
        if (token.kind !== 'option')
            continue;
        const raw = argv[token.index];
        const value = token.value ?? (raw.includes('=') ? raw.slice(raw.indexOf('=') + 1) : 'true');
        values.set(token.name, [...(values.get(token.name) ?? []), value]);
    }
    const fallback = (name) => {
        const flag = byName.get(name);
        if (flag?.env && env[flag.env] !== undefined && env[flag.env] !== '')
            return env[flag.env];
        return flag?.default;
    };
    return {
        get: (name) => values.get(name)?.at(-1) ?? fallback(name),
        all: (name) => values.get(name) ?? (fallback(name) !== undefined ? [fallback(name)] : []),
        has: (name) => values.has(name),
        positional,
    };
}
/** util's parse errors in our words: the flag, what was expected, where to look. */
function flagError(command, err) {
    const code = err?.code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_'))
        return err;
    const message = err.message;
    const flag = /'(--?[^'\s,=]+)/.exec(message)?.[1];
    const problem = (text) => new errors/* InputError */.dz(`aviary ${command}: ${text}`);
    if (!flag)
        return problem(message);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
        return problem(`unknown flag ${flag} (see aviary ${command} --help)`);
    // "ambiguous": the next word starts with a dash, so util takes it for a flag rather than this value.
    if (/ambiguous/.test(message)) {
        return problem(`${flag} needs a value (write ${flag}=-VALUE for a value that starts with -)`);
    }
    if (/missing/.test(message))
        return problem(`${flag} needs a value`);
    return problem(message);
}
/** The --help text of a command. */
function helpText(command) {
    const width = Math.max(...command.flags.map((f) => f.name.length + (f.boolean ? 0 : 8)), 10);
    const lines = [`${command.summary}`, '', `Usage: ${command.usage}`, '', 'Flags:'];
    for (const f of command.flags) {
        const left = `--${f.name}${f.boolean ? '' : ' <value>'}`;
        const extra = [f.default !== undefined ? `default: ${f.default}` : '', f.env ? `env: ${f.env}` : '']
            .filter(Boolean)
            .join(', ');
        lines.push(`  ${left.padEnd(width + 4)} ${f.description}${extra ? ` (${extra})` : ''}`);
    }
    lines.push(`  ${'--help'.padEnd(width + 4)} show this help`);
    return lines.join('\n');
}

// EXTERNAL MODULE: ./src/log.ts
var src_log = __webpack_require__(25625);
;// CONCATENATED MODULE: ./src/cli.ts
// The `aviary` command: the same engine as the actions, driven by flags instead of inputs.



// Each subcommand is loaded only when it runs.
const commands = {
    build: async () => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(118), __webpack_require__.e(40), __webpack_require__.e(190), __webpack_require__.e(387)]).then(__webpack_require__.bind(__webpack_require__, 39794))).command,
    push: async () => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(118), __webpack_require__.e(40), __webpack_require__.e(318), __webpack_require__.e(190), __webpack_require__.e(124)]).then(__webpack_require__.bind(__webpack_require__, 42124))).command,
    merge: async () => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(118), __webpack_require__.e(40), __webpack_require__.e(318), __webpack_require__.e(190), __webpack_require__.e(286)]).then(__webpack_require__.bind(__webpack_require__, 35286))).command,
    deploy: async () => (await Promise.all(/* import() */[__webpack_require__.e(118), __webpack_require__.e(815), __webpack_require__.e(318), __webpack_require__.e(693), __webpack_require__.e(880), __webpack_require__.e(839)]).then(__webpack_require__.bind(__webpack_require__, 93839))).command,
    plan: async () => (await Promise.all(/* import() */[__webpack_require__.e(118), __webpack_require__.e(815), __webpack_require__.e(318), __webpack_require__.e(693), __webpack_require__.e(880), __webpack_require__.e(839)]).then(__webpack_require__.bind(__webpack_require__, 93839))).planCommand,
    rollback: async () => (await Promise.all(/* import() */[__webpack_require__.e(118), __webpack_require__.e(815), __webpack_require__.e(318), __webpack_require__.e(693), __webpack_require__.e(880), __webpack_require__.e(356)]).then(__webpack_require__.bind(__webpack_require__, 51356))).command,
    status: async () => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(118), __webpack_require__.e(40), __webpack_require__.e(815), __webpack_require__.e(318), __webpack_require__.e(693), __webpack_require__.e(880), __webpack_require__.e(317), __webpack_require__.e(565), __webpack_require__.e(809)]).then(__webpack_require__.bind(__webpack_require__, 18190))).command,
    unlock: async () => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(118), __webpack_require__.e(40), __webpack_require__.e(815), __webpack_require__.e(318), __webpack_require__.e(693), __webpack_require__.e(880), __webpack_require__.e(317), __webpack_require__.e(565), __webpack_require__.e(809)]).then(__webpack_require__.bind(__webpack_require__, 18190))).unlockCommand,
    sync: async () => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(118), __webpack_require__.e(40), __webpack_require__.e(815), __webpack_require__.e(318), __webpack_require__.e(693), __webpack_require__.e(880), __webpack_require__.e(317), __webpack_require__.e(565), __webpack_require__.e(435)]).then(__webpack_require__.bind(__webpack_require__, 55435))).command,
    retire: async () => (await Promise.all(/* import() */[__webpack_require__.e(118), __webpack_require__.e(815), __webpack_require__.e(318), __webpack_require__.e(693), __webpack_require__.e(880), __webpack_require__.e(143)]).then(__webpack_require__.bind(__webpack_require__, 49143))).command,
    maintain: async () => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(118), __webpack_require__.e(815), __webpack_require__.e(318), __webpack_require__.e(693), __webpack_require__.e(880), __webpack_require__.e(317), __webpack_require__.e(909)]).then(__webpack_require__.bind(__webpack_require__, 34909))).command,
    doctor: async () => (await Promise.all(/* import() */[__webpack_require__.e(472), __webpack_require__.e(118), __webpack_require__.e(815), __webpack_require__.e(318), __webpack_require__.e(693), __webpack_require__.e(880), __webpack_require__.e(317), __webpack_require__.e(915)]).then(__webpack_require__.bind(__webpack_require__, 44915))).command,
};
const summaries = {
    build: 'build an image through the Docker Engine API',
    push: "push an image's tags to their registry and print the digest",
    merge: 'join per-platform images into one multi-platform image (OCI index)',
    deploy: 'roll an image out in canary batches with health checks and automatic rollback',
    plan: 'print what a deploy would do, changing nothing',
    rollback: 'put every host back on its previous version, no version to name',
    status: 'what every host runs, its previous versions, health now, and the lock',
    unlock: "remove a dead run's deploy lock from every host",
    sync: 'bring every host of a group to the version the group runs now (new hosts get it)',
    retire: 'drain and remove the service, its kept containers and records from named hosts',
    maintain: 'run a command on the hosts over SSH in canary batches, then check the service',
    doctor: 'check each host before a first deploy (engine, disk, clock, ports, registry, SSH key)',
};
function usage() {
    const names = Object.keys(commands);
    const width = Math.max(...names.map((n) => n.length));
    return [
        'aviary — build, push and roll out Docker images across server groups in canary batches',
        '',
        'Usage: aviary <command> [flags]',
        '',
        'Commands:',
        ...names.map((n) => `  ${n.padEnd(width)}  ${summaries[n] ?? ''}`),
        '',
        'Run `aviary <command> --help` for the flags of a command.',
    ].join('\n');
}
async function main(argv) {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        process.stdout.write(usage() + '\n');
        return;
    }
    const load = commands[name];
    if (!load) {
        process.stderr.write(`aviary: unknown command "${name}"\n\n${usage()}\n`);
        process.exitCode = 2;
        return;
    }
    const command = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
        process.stdout.write(helpText(command) + '\n');
        return;
    }
    const log = new src_log/* ConsoleLogger */.Cr(undefined, { verbose: process.env.AVIARY_DEBUG === '1' });
    try {
        const code = await command.run(parseArgs(command, rest), log);
        process.exitCode = typeof code === 'number' ? code : 0;
    }
    catch (err) {
        log.error((0,errors/* describeError */.Uc)(err));
        process.exitCode = 1;
    }
}


/***/ }),

/***/ 83916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   WU: () => (/* binding */ show),
/* harmony export */   Zw: () => (/* binding */ Problems),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   e4: () => (/* binding */ RunError)
/* harmony export */ });
// The two kinds of failure a user sees: their input is wrong, or the work itself failed.
/** Bad configuration or input: nothing was changed on any host. Holds every problem found. */
class InputError extends Error {
    problems;
    constructor(problems) {
        const list = Array.isArray(problems) ? problems : [problems];
        super(list.length === 1 ? list[0] : `${list.length} problems:\n` + list.map((p) => `  - ${p}`).join('\n'));
        this.name = 'InputError';
        this.problems = list;
    }
}
/** A build, push or rollout that failed while doing its work; the message says where and why. */
class RunError extends Error {
    details;
    constructor(message, details = {}) {
        super(message);
        this.details = details;
        this.name = 'RunError';
    }
}
/** The message to show a user for any thrown value: never a stack trace for our own errors. */
function describeError(err) {
    if (err instanceof InputError || err instanceof RunError)
        return err.message;
    if (err instanceof Error)
        return err.message || String(err);
    return String(err);
}
/** Collects problems during validation, so that all of them are reported at once. */
class Problems {
    list = [];
    /** `field: "25" is not a count or a percentage like "25%"`, or `field: is missing (expected …)`. */
    add(field, value, expected) {
        this.list.push(value === undefined
            ? `${field}: is missing (expected ${expected})`
            : `${field}: ${show(value)} is not ${expected}`);
    }
    raw(message) {
        this.list.push(message);
    }
    get any() {
        return this.list.length > 0;
    }
    throwIfAny() {
        if (this.any)
            throw new InputError(this.list);
    }
}
/** A short, single-line rendering of a user's value for an error message. */
function show(value) {
    let s;
    try {
        s = JSON.stringify(value) ?? String(value);
    }
    catch {
        s = String(value);
    }
    return s.length > 80 ? s.slice(0, 76) + '…' + s.slice(-1) : s;
}


/***/ }),

/***/ 25625:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cr: () => (/* binding */ ConsoleLogger),
/* harmony export */   GX: () => (/* binding */ Masker),
/* harmony export */   Kw: () => (/* binding */ neutralizeCommands)
/* harmony export */ });
/**
 * Text read from hosts or given by users may hold lines that the runner would take as workflow
 * commands (`::error::`, `::add-mask::`, `##[group]`, even after leading blanks). Such lines get a
 * zero-width space in front: they print the same, and the runner ignores them.
 */
function neutralizeCommands(text) {
    return text.replace(/^(\s*)(::|##\[)/gm, '$1\u200b$2');
}
/** Replaces every registered secret in text; shared by all loggers and by error reporting. */
class Masker {
    secrets = new Set();
    add(value) {
        if (!value || value.length < 3)
            return;
        this.secrets.add(value);
        // Multi-line secrets (PEM keys) are also masked line by line, as they may be logged in parts.
        for (const line of value.split(/\r?\n/))
            if (line.trim().length >= 8)
                this.secrets.add(line.trim());
    }
    mask(text) {
        let out = text;
        for (const s of [...this.secrets].sort((a, b) => b.length - a.length))
            out = out.split(s).join('***');
        return out;
    }
}
/** A logger for the command line and tests: plain lines on stdout/stderr, groups as headers. */
class ConsoleLogger {
    masker;
    options;
    constructor(masker = new Masker(), options = {}) {
        this.masker = masker;
        this.options = options;
    }
    out(line) {
        (this.options.out ?? ((l) => process.stdout.write(l + '\n')))(neutralizeCommands(this.masker.mask(line)));
    }
    err(line) {
        (this.options.err ?? ((l) => process.stderr.write(l + '\n')))(neutralizeCommands(this.masker.mask(line)));
    }
    info(message) {
        this.out(message);
    }
    mask(text) {
        return this.masker.mask(text);
    }
    warn(message) {
        this.err(`warning: ${message}`);
    }
    error(message) {
        this.err(`error: ${message}`);
    }
    debug(message) {
        if (this.options.verbose)
            this.out(`  ${message}`);
    }
    secret(value) {
        this.masker.add(value);
    }
    async group(title, fn) {
        this.out(`▸ ${title.replace(/\s+/g, ' ')}`);
        return fn();
    }
}


/***/ })

};
;