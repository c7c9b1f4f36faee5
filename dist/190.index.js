"use strict";
exports.id = 190;
exports.ids = [190];
exports.modules = {

/***/ 71416:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _w: () => (/* binding */ buildImage)
});

// UNUSED EXPORTS: BuildTranscript, dockerfileWord, labelDockerfile, noBuildKitReason, planTagsAndLabels

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/github/context.ts
// The GitHub run context as plain GITHUB_* environment variables: the source of the OCI labels and
// default tags of a build. Read from env, not from @actions/github's `context`: the build engine runs
// in the CLI too and may not import @actions/*, and that `context` also reads the event payload file
// at load, which a build does not need.
function githubContext(env = process.env) {
    const get = (name) => (env[name] && env[name].trim() !== '' ? env[name].trim() : undefined);
    const serverUrl = get('GITHUB_SERVER_URL')?.replace(/\/+$/, '');
    const repository = get('GITHUB_REPOSITORY');
    const runId = get('GITHUB_RUN_ID');
    return {
        serverUrl,
        repository,
        sha: get('GITHUB_SHA'),
        ref: get('GITHUB_REF'),
        headRef: get('GITHUB_HEAD_REF'),
        runUrl: serverUrl && repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : undefined,
    };
}
/** The OCI annotations docker/metadata-action sets: where the image came from, and when. */
function ociLabels(ctx, now) {
    const labels = {};
    if (ctx.repository)
        labels['org.opencontainers.image.source'] = `${ctx.serverUrl ?? 'https://github.com'}/${ctx.repository}`;
    if (ctx.sha)
        labels['org.opencontainers.image.revision'] = ctx.sha;
    labels['org.opencontainers.image.created'] = now.toISOString();
    return labels;
}
/** A valid Docker tag from any text: invalid characters become "-", at most 128 characters. */
function sanitizeTag(text) {
    return text
        .replace(/[^A-Za-z0-9_.-]/g, '-')
        .replace(/^[.-]+/, '')
        .slice(0, 128);
}
/** The tag naming the ref: v1.2.3 for refs/tags/v1.2.3, the branch name, pr-12 for a pull request. */
function refTag(ctx) {
    const ref = ctx.ref;
    if (!ref)
        return undefined;
    let m;
    if ((m = /^refs\/tags\/(.+)$/.exec(ref)))
        return sanitizeTag(m[1]) || undefined;
    if ((m = /^refs\/heads\/(.+)$/.exec(ref)))
        return sanitizeTag(m[1]) || undefined;
    if ((m = /^refs\/pull\/(\d+)\//.exec(ref)))
        return `pr-${m[1]}`;
    return undefined;
}
/** `<image>:sha-<7>` and the ref's tag: what a build is tagged with when no tags are given. */
function defaultTags(image, ctx) {
    const tags = [];
    if (ctx.sha)
        tags.push(`${image}:sha-${ctx.sha.slice(0, 7)}`);
    const fromRef = refTag(ctx);
    if (fromRef)
        tags.push(`${image}:${fromRef}`);
    return tags;
}

// EXTERNAL MODULE: ./src/registry/credentials.ts
var credentials = __webpack_require__(3653);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(26518);
// EXTERNAL MODULE: ./node_modules/tar-fs/index.js
var tar_fs = __webpack_require__(35645);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/@balena/dockerignore/ignore.js
var ignore = __webpack_require__(44158);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
;// CONCATENATED MODULE: ./src/build/context.ts
// The build context as the docker CLI sends it: a tar of the folder minus what .dockerignore
// excludes, with the Dockerfile and .dockerignore always included and a Dockerfile from outside
// the folder added under a private name.





/** The patterns of `<context>/.dockerignore`, comments and blank lines dropped. */
function readDockerignore(context) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(`${context}/.dockerignore`, 'utf8');
    }
    catch {
        return [];
    }
    return text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
}
/** A predicate over paths relative to the context (with "/"): true when the path is left out. */
function contextFilter(patterns, dockerfile) {
    // As the docker CLI does: the Dockerfile and .dockerignore go to the engine even when excluded.
    const keep = new Set(['.dockerignore', ...(dockerfile ? [dockerfile] : [])]);
    const ig = ignore_default()().add(patterns);
    return (relPath) => relPath !== '' && !keep.has(relPath) && ig.ignores(relPath);
}
/** Packs the context folder for the engine's /build endpoint. */
function packContext(context, dockerfilePath) {
    const patterns = readDockerignore(context);
    const rel = (0,external_node_path_.relative)(context, dockerfilePath).split(external_node_path_.sep).join('/');
    const inside = !rel.startsWith('../') && rel !== '..';
    // Named after its content (the docker CLI uses a random name): an unchanged Dockerfile then
    // leaves the rewritten .dockerignore unchanged, and with it the cache of COPY . steps.
    const dockerfile = inside
        ? rel
        : `.dockerfile.${(0,external_node_crypto_.createHash)('sha256').update((0,external_node_fs_.readFileSync)(dockerfilePath)).digest('hex').slice(0, 20)}`;
    const excluded = contextFilter(patterns, inside ? rel : undefined);
    // An excluded folder is skipped whole unless an exception (!pattern) may bring part of it back.
    const hasExceptions = patterns.some((p) => p.startsWith('!'));
    const isExcluded = (name) => {
        const path = (0,external_node_path_.relative)(context, name).split(external_node_path_.sep).join('/');
        // A Dockerfile from outside comes with a rewritten .dockerignore, added at the end.
        if (!inside && path === '.dockerignore')
            return true;
        if (!excluded(path))
            return false;
        if (!hasExceptions)
            return true;
        try {
            return !(0,external_node_fs_.statSync)(name).isDirectory();
        }
        catch {
            return true;
        }
    };
    const stream = tar_fs.pack(context, {
        // The folder's entries rather than ".": the docker CLI sends no entry for the root itself.
        entries: (0,external_node_fs_.readdirSync)(context).filter((name) => !isExcluded((0,external_node_path_.join)(context, name))),
        // umask 0: file modes go to the engine unchanged, as the docker CLI sends them.
        umask: 0,
        finalize: inside,
        ignore: isExcluded,
        // Headers as the docker CLI writes them (owner 0:0, no user names, folders ending in "/"): the
        // legacy builder hashes the headers of COPY sources, so any difference would split the cache.
        map: (header) => ({
            ...header,
            name: header.type === 'directory' && !header.name.endsWith('/') ? `${header.name}/` : header.name,
            uid: 0,
            gid: 0,
            uname: '',
            gname: '',
        }),
        // As the docker CLI does: the outside Dockerfile goes in under a private name that the
        // .dockerignore lists, so the engine drops it from the context once it has read it and
        // COPY . neither sees it nor loses its cache over it.
        finish: inside
            ? undefined
            : (pack) => {
                const content = (0,external_node_fs_.readFileSync)(dockerfilePath);
                const ignore = Buffer.from(`${readFileOr(`${context}/.dockerignore`)}\n${dockerfile}\n`);
                pack.entry({ name: '.dockerignore', size: ignore.length, mode: 0o644, mtime: new Date(0), uid: 0, gid: 0 }, ignore);
                pack.entry({ name: dockerfile, size: content.length, mode: 0o600, mtime: new Date(), uid: 0, gid: 0 }, content);
                pack.finalize();
            },
    });
    return { stream: stream, dockerfile, ignored: patterns };
}
function readFileOr(path) {
    try {
        return (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch {
        return '';
    }
}

// EXTERNAL MODULE: ./src/build/progress.ts
var progress = __webpack_require__(4017);
;// CONCATENATED MODULE: ./src/build/tags.ts
// The default tags of a build, as docker/metadata-action makes them: sha-<7>, the branch, pr-<n> or
// the version tag, plus the semver forms of a v1.2.3 tag (1.2.3, 1.2, 1) and `latest` on the
// default branch — each of the last two switchable.


/** 1.2.3 (and 1.2.3-rc.1) from refs/tags/v1.2.3 or refs/tags/1.2.3; undefined for any other ref. */
function semverOf(ref) {
    const m = /^refs\/tags\/v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(ref ?? '');
    if (!m)
        return undefined;
    return { major: m[1], minor: m[2], patch: m[3], prerelease: m[4] };
}
/** The default branch named in the event that started the run ($GITHUB_EVENT_PATH), if any. */
function defaultBranchOf(env) {
    if (!env.GITHUB_EVENT_PATH)
        return undefined;
    try {
        const event = JSON.parse((0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
        return event.repository?.default_branch || undefined;
    }
    catch {
        return undefined;
    }
}
/** Every default tag for `image` in this run, without duplicates, in a stable order. */
function metadataTags(image, ctx, rules) {
    const tags = defaultTags(image, ctx);
    const version = rules.semverTags ? semverOf(ctx.ref) : undefined;
    if (version) {
        const full = `${version.major}.${version.minor}.${version.patch}${version.prerelease ? `-${version.prerelease}` : ''}`;
        tags.push(`${image}:${full.replace(/[^A-Za-z0-9_.-]/g, '-')}`);
        // As metadata-action: a pre-release moves neither 1.2 nor 1.
        if (!version.prerelease)
            tags.push(`${image}:${version.major}.${version.minor}`, ...(version.major !== '0' ? [`${image}:${version.major}`] : []));
    }
    const onDefaultBranch = !!rules.defaultBranch && ctx.ref === `refs/heads/${rules.defaultBranch}`;
    if (rules.latest === 'true' || (rules.latest === 'auto' && onDefaultBranch))
        tags.push(`${image}:latest`);
    return [...new Set(tags)];
}

;// CONCATENATED MODULE: ./src/build/build.ts








/** The tags and labels a build applies: explicit ones, else defaults from the GitHub context. */
function planTagsAndLabels(settings, ctx, now) {
    // User labels come last so that they can override the OCI ones, as with docker/metadata-action.
    const labels = { ...ociLabels(ctx, now), ...settings.labels };
    if (settings.tags.length || !settings.image)
        return { tags: settings.tags, labels };
    const tags = metadataTags(settings.image, ctx, {
        semverTags: settings.semverTags ?? true,
        latest: settings.latest ?? 'auto',
        defaultBranch: ctx.defaultBranch,
    });
    if (!tags.length) {
        throw new errors/* InputError */.dz(`tags: none given, and none can be derived for image "${settings.image}": ` +
            'GITHUB_SHA and GITHUB_REF are not set (give tags explicitly outside GitHub Actions)');
    }
    return { tags, labels };
}
/** Follows a build's output: logs it line by line and keeps what an error message needs. */
class BuildTranscript {
    line;
    step;
    sinceStep = [];
    imageId;
    shortId;
    error;
    /** A line the engine has not finished yet: output chunks need not end at a line break. */
    partial = '';
    constructor(line) {
        this.line = line;
    }
    take(message) {
        const error = (0,progress/* progressError */.W)(message);
        if (error) {
            this.flush();
            this.error = error.trim();
            return;
        }
        if (message.aux?.ID)
            this.imageId = String(message.aux.ID);
        if (message.stream !== undefined) {
            const pieces = (this.partial + message.stream).split('\n');
            this.partial = pieces.pop() ?? '';
            for (const piece of pieces)
                this.emit(piece);
        }
        else if (message.status) {
            const line = `${message.id ? `${message.id}: ` : ''}${message.status}${message.progress ? ` ${message.progress}` : ''}`;
            // Byte counts would flood the log: only state changes are shown.
            if (!(message.progressDetail && (message.progressDetail.total || message.progressDetail.current)))
                this.line(line);
        }
    }
    /** Emits the unfinished line, at the end of the output. */
    flush() {
        if (this.partial)
            this.emit(this.partial);
        this.partial = '';
    }
    emit(raw) {
        // A terminal shows what follows the last carriage return (progress bars); the engine colours a
        // step's stderr red, and escapes would show as text in annotations and errors.
        const line = raw
            .slice(raw.lastIndexOf('\r', raw.length - 2) + 1)
            .replace(/\x1b\[[0-9;]*m/g, '')
            .trimEnd();
        if (line.trim() === '')
            return;
        this.line(line);
        if (/^Step \d+\/\d+ : /.test(line)) {
            this.step = line;
            this.sinceStep = [];
            return;
        }
        this.sinceStep.push(line);
        if (this.sinceStep.length > 500)
            this.sinceStep.splice(0, this.sinceStep.length - 200);
        const built = /^Successfully built ([0-9a-f]+)$/.exec(line);
        if (built)
            this.shortId = built[1];
    }
    failure(tail) {
        const where = this.step ? `build failed at "${this.step}"` : 'build failed';
        const lines = this.sinceStep
            .filter((l) => l.trim() !== '' && !l.startsWith(' ---> ') && !/^Removing intermediate container /.test(l))
            .slice(-tail);
        const last = lines.length ? `\nlast output lines:\n${lines.map((l) => `  ${l}`).join('\n')}` : '';
        return new errors/* RunError */.e4(`${where}: ${this.error}${last}`, { step: this.step, output: lines });
    }
}
/** Quotes a Dockerfile word: single quotes keep everything literal ($, \\), else escaped double quotes. */
function dockerfileWord(text) {
    if (/[\r\n]/.test(text))
        throw new errors/* InputError */.dz(`labels: ${JSON.stringify(text)} holds a line break, which a label cannot`);
    return text.includes("'") ? `"${text.replace(/[\\"$]/g, '\\$&')}"` : `'${text}'`;
}
/** The Dockerfile that puts labels on an existing image in one step. */
function labelDockerfile(imageId, labels) {
    const pairs = Object.entries(labels).map(([k, v]) => `${dockerfileWord(k)}=${dockerfileWord(v)}`);
    return `FROM ${imageId}\n${pairs.length ? `LABEL ${pairs.join(' ')}\n` : ''}`;
}
/** A build context holding one file. */
function singleFileTar(name, content) {
    const body = Buffer.from(content);
    return tar_fs.pack('.', {
        entries: [],
        finalize: false,
        finish: (pack) => {
            pack.entry({ name, size: body.length, mode: 0o644, mtime: new Date(0) }, body);
            pack.finalize();
        },
    });
}
/** One legacy-builder build: streams its output to `line`, returns the image id, throws the failing step. */
async function runBuild(docker, context, params, line, tail = 15) {
    const transcript = new BuildTranscript(line);
    let stream;
    try {
        stream = await docker.buildImage(context, { rm: true, forcerm: true, version: '1', ...params });
    }
    catch (err) {
        throw new errors/* RunError */.e4(`build failed: the engine refused the build: ${(0,errors/* describeError */.Uc)(err)}`);
    }
    await (0,progress/* readProgress */.g)(stream, (m) => transcript.take(m));
    transcript.flush();
    if (transcript.error)
        throw transcript.failure(tail);
    if (transcript.imageId)
        return transcript.imageId;
    if (!transcript.shortId)
        throw new errors/* RunError */.e4('build finished but the engine reported no image id');
    return (await docker.getImage(transcript.shortId).inspect()).Id;
}
/** Why the engine cannot build with BuildKit, or undefined when it can (API 1.39+, a Linux engine). */
async function noBuildKitReason(docker, env) {
    if (env.DOCKER_BUILDKIT === '0')
        return 'DOCKER_BUILDKIT=0 asks for the legacy builder';
    const version = await docker.version();
    const [major, minor] = String(version.ApiVersion ?? '0.0')
        .split('.')
        .map(Number);
    if (major < 1 || (major === 1 && minor < 39))
        return `the engine's API ${version.ApiVersion} predates BuildKit (1.39)`;
    if (version.Os && version.Os !== 'linux')
        return `the engine runs on ${version.Os}, where it has no BuildKit`;
    return undefined;
}
/** What only BuildKit can do: a legacy-builder engine refuses these settings by name. */
function buildKitOnly(settings) {
    const needs = [];
    if (Object.keys(settings.secrets ?? {}).length)
        needs.push('secrets / secret-files');
    if (Object.keys(settings.ssh ?? {}).length)
        needs.push('ssh');
    if (settings.cacheTo)
        needs.push('cache-to');
    return needs;
}
/** Builds settings.context on the engine; returns the image id, tags and labels. */
async function buildImage(docker, settings, log, options = {}) {
    const env = options.env ?? process.env;
    // Secret values are masked before anything else is logged: a step may print one.
    for (const value of Object.values(settings.secrets ?? {}))
        log.secret(value);
    // SOURCE_DATE_EPOCH (the reproducible-builds convention) pins .created, so that an unchanged
    // source gives the same image id; otherwise it is the build's own time.
    const epoch = Number(env.SOURCE_DATE_EPOCH);
    const now = options.now ?? (() => (env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date()));
    const { tags, labels } = planTagsAndLabels(settings, { ...githubContext(env), defaultBranch: defaultBranchOf(env) }, now());
    let builder = options.builder ?? 'buildkit';
    if (!options.builder) {
        const reason = await noBuildKitReason(docker, env);
        if (reason) {
            const needs = buildKitOnly(settings);
            if (needs.length)
                throw new errors/* RunError */.e4(`build: ${needs.join(', ')} need BuildKit, but ${reason}`);
            log.info(`building with the legacy builder: ${reason}`);
            builder = 'legacy';
        }
    }
    log.info(`context: ${settings.context}${(settings.context && readIgnoredCount(settings)) || ''}`);
    log.info(`Dockerfile: ${settings.file}${settings.target ? `, target ${settings.target}` : ''}${settings.platform ? `, platform ${settings.platform}` : ''}`);
    log.info(tags.length ? `tags: ${tags.join(', ')}` : 'tags: none (the image is reachable by its id only)');
    const argNames = Object.keys(settings.buildArgs);
    if (argNames.length)
        log.info(`build args: ${argNames.join(', ')}`);
    const secretIds = Object.keys(settings.secrets ?? {});
    if (secretIds.length)
        log.info(`secrets: ${secretIds.join(', ')} (values masked)`);
    if (settings.cacheFrom?.length)
        log.info(`cache from: ${settings.cacheFrom.join(', ')}`);
    for (const [key, value] of Object.entries(labels))
        log.debug(`label ${key}=${value}`);
    const started = Date.now();
    const registryconfig = (0,credentials/* buildRegistryConfig */.g4)(env, log);
    let imageId;
    if (builder === 'buildkit') {
        try {
            imageId = await log.group(`Build ${tags[0] ?? settings.context}`, () => buildKitBuild(docker, settings, tags, labels, registryconfig, log, options.tailLines ?? 15));
        }
        catch (err) {
            const plainHttp = err instanceof errors/* RunError */.e4 && /server gave HTTP response to HTTPS client/.test(err.message);
            if (!plainHttp || options.builder || buildKitOnly(settings).length)
                throw err;
            // The engine's BuildKit (Docker 20.10) ignores an --insecure-registry range for base images
            // and speaks only HTTPS to registries; its legacy builder pulls them as the engine does.
            const registry = /"https?:\/\/([^/"]+)\//.exec(err.message)?.[1] ?? 'a plain-HTTP registry';
            log.warn(`building with the legacy builder: BuildKit reaches registries over HTTPS only and ${registry} answers plain HTTP ` +
                '(serve the registry with TLS to build with BuildKit)');
            builder = 'legacy';
            imageId = await legacyBuild(docker, settings, tags, labels, registryconfig, log, options.tailLines);
        }
    }
    else {
        imageId = await legacyBuild(docker, settings, tags, labels, registryconfig, log, options.tailLines);
    }
    const durationMs = Date.now() - started;
    log.info(`built ${imageId} in ${(0,duration/* formatDuration */.a)(durationMs)}${tags.length ? `, tagged ${tags.join(', ')}` : ''}`);
    return {
        imageId,
        tags,
        labels,
        durationMs,
        builder,
        metadata: { imageid: imageId, tags, labels, builder, durationMs },
    };
}
function readIgnoredCount(settings) {
    const n = readDockerignore(settings.context).length;
    return n ? ` (.dockerignore: ${n} patterns)` : '';
}
/** BuildKit through the Engine API; gRPC (for the session) is loaded here and only here. */
async function buildKitBuild(docker, settings, tags, labels, registryconfig, log, tail) {
    const { buildWithBuildKit } = await Promise.all(/* import() */[__webpack_require__.e(33), __webpack_require__.e(634)]).then(__webpack_require__.bind(__webpack_require__, 6634));
    const context = packContext(settings.context, settings.file);
    const credentials = (host) => {
        const entry = Object.entries(registryconfig).find(([key]) => key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '') === host ||
            (host === 'registry-1.docker.io' && /index\.docker\.io/.test(key)))?.[1];
        return entry ? { username: entry.username, password: entry.password } : undefined;
    };
    return buildWithBuildKit(docker, context.stream, {
        query: {
            dockerfile: context.dockerfile,
            t: tags,
            // BUILDKIT_INLINE_CACHE is how the engine's BuildKit writes cache metadata into the image.
            buildargs: { ...settings.buildArgs, ...(settings.cacheTo === 'inline' ? { BUILDKIT_INLINE_CACHE: '1' } : {}) },
            labels,
            target: settings.target,
            pull: settings.pull,
            nocache: settings.noCache,
            cachefrom: settings.cacheFrom,
            platform: settings.platform,
        },
        services: {
            secrets: new Map(Object.entries(settings.secrets ?? {}).map(([id, value]) => [id, Buffer.from(value)])),
            ssh: new Map(Object.entries(settings.ssh ?? {})),
            credentials,
            log,
        },
        line: (text) => log.info(text),
        debug: (text) => log.debug(text),
        tail,
    });
}
/** The legacy builder, for engines without BuildKit: the build, then the labels in a one-step build. */
async function legacyBuild(docker, settings, tags, labels, registryconfig, log, tail) {
    const context = packContext(settings.context, settings.file);
    const built = await log.group(`Build ${tags[0] ?? settings.context}`, () => runBuild(docker, context.stream, {
        dockerfile: context.dockerfile,
        buildargs: settings.buildArgs,
        target: settings.target,
        pull: settings.pull,
        nocache: settings.noCache,
        ...(settings.platform ? { platform: settings.platform } : {}),
        ...(settings.cacheFrom?.length ? { cachefrom: JSON.stringify(settings.cacheFrom) } : {}),
        ...(Object.keys(registryconfig).length ? { registryconfig } : {}),
    }, (line) => log.info(line), tail));
    // The labels go on in a second, one-step build. Given to the first build, the legacy builder would
    // append one LABEL step per label, each a container commit (~0.3 s), and the ever-new .created
    // would defeat the cache of all of them; here the first build stays fully cached on an unchanged
    // source and the labels cost one step.
    log.debug(`labelling ${built}`);
    return runBuild(docker, singleFileTar('Dockerfile', labelDockerfile(built, labels)), {
        dockerfile: 'Dockerfile',
        t: tags, // docker-modem repeats an array as t=a&t=b, which the engine reads as several tags
    }, (line) => log.debug(line), tail);
}


/***/ }),

/***/ 28079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ connectBuilder)
/* harmony export */ });
/* harmony import */ var dockerode__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39040);
/* harmony import */ var dockerode__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(dockerode__WEBPACK_IMPORTED_MODULE_0__);
// The builder's Docker engine: the one build and push talk to (DOCKER_HOST, else the local socket).

/**
 * A client for the builder engine. docker-modem reads DOCKER_HOST, DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH as the docker CLI does, and falls back to /var/run/docker.sock.
 */
function connectBuilder() {
    return new (dockerode__WEBPACK_IMPORTED_MODULE_0___default())();
}


/***/ }),

/***/ 4017:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ progressError),
/* harmony export */   g: () => (/* binding */ readProgress)
/* harmony export */ });
// The Docker Engine's progress stream (build, push, pull): one JSON message per line, in chunks
// that may split a line anywhere. Errors arrive inside the stream, not as HTTP statuses.
/** Reads the stream to its end, handing each message to onMessage; resolves when it ends. */
function readProgress(stream, onMessage) {
    return new Promise((resolve, reject) => {
        let buffered = '';
        const handle = (line) => {
            const text = line.trim();
            if (text === '')
                return;
            let message;
            try {
                message = JSON.parse(text);
            }
            catch {
                message = { stream: text };
            }
            onMessage(message);
        };
        stream.on('data', (chunk) => {
            buffered += chunk.toString();
            let nl;
            while ((nl = buffered.indexOf('\n')) >= 0) {
                handle(buffered.slice(0, nl));
                buffered = buffered.slice(nl + 1);
            }
        });
        let ended = false;
        stream.on('end', () => {
            ended = true;
            try {
                handle(buffered);
                resolve();
            }
            catch (err) {
                reject(err);
            }
        });
        stream.on('error', reject);
        // A stream closed without 'end' means the connection to the engine dropped mid-way.
        stream.on('close', () => {
            if (!ended)
                reject(Object.assign(new Error('the connection to the Docker engine closed before the end of its output'), {
                    code: 'ECONNRESET',
                }));
        });
    });
}
/** The text of an error message in the stream. */
function progressError(message) {
    if (message.errorDetail?.message)
        return message.errorDetail.message;
    if (message.error)
        return message.error;
    return undefined;
}


/***/ }),

/***/ 54251:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   di: () => (/* binding */ parseBuildSettings),
/* harmony export */   fA: () => (/* binding */ splitAssignments),
/* harmony export */   rL: () => (/* binding */ parseTags)
/* harmony export */ });
/* unused harmony exports INPUT_NAMES, parseAssignments, parseSecrets, parseSsh, parseCacheFrom, parseCacheTo, parsePlatforms */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _registry_reference__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(79310);
// A build's settings, validated from raw inputs or flags: every problem is reported at once, each
// naming the input (or flag) and what was expected. Pure except for checking that paths exist.




const DEFAULT_DOCKERFILE = 'Dockerfile';
const INPUT_NAMES = {
    context: 'input context',
    file: 'input file',
    tags: 'input tags',
    image: 'input image',
    labels: 'input labels',
    buildArgs: 'input build-args',
    target: 'input target',
    pull: 'input pull',
    noCache: 'input no-cache',
    secrets: 'input secrets',
    secretFiles: 'input secret-files',
    ssh: 'input ssh',
    cacheFrom: 'input cache-from',
    cacheTo: 'input cache-to',
    platforms: 'input platforms',
    semverTags: 'input semver-tags',
    latest: 'input latest',
};
/**
 * Splits `NAME=value` items written one per line or comma-separated. A comma splits only where
 * the next item starts with `NAME=`, so values such as `LIST=a,b` keep their commas.
 */
function splitAssignments(text) {
    return text
        .split(/\r?\n/)
        .flatMap((line) => line.split(/,(?=\s*[A-Za-z_][A-Za-z0-9_.-]*=)/))
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
/** `NAME=value` items as a record; bad items are reported against `field`. */
function parseAssignments(items, field, problems, kind) {
    const out = {};
    for (const item of items) {
        const eq = item.indexOf('=');
        const name = eq < 0 ? '' : item.slice(0, eq).trim();
        const ok = kind === 'arg' ? ARG_NAME.test(name) : LABEL_KEY.test(name);
        if (eq < 0 || !ok) {
            problems.add(field, item, kind === 'arg'
                ? 'NAME=value (a build argument name of letters, digits and _, then =, then the value)'
                : 'key=value (a label key such as org.example.team, then =, then the value)');
            continue;
        }
        out[name] = item.slice(eq + 1);
    }
    return out;
}
/** Validates tags; each is returned with an explicit :latest when it had no tag. */
function parseTags(items, field, problems) {
    const tags = [];
    for (const item of items) {
        const problem = (0,_registry_reference__WEBPACK_IMPORTED_MODULE_3__/* .referenceProblem */ .te)(item);
        if (problem)
            problems.add(field, item, `an image tag like registry.example.com/acme/web:1.2 (${problem})`);
        else
            tags.push((0,_registry_reference__WEBPACK_IMPORTED_MODULE_3__/* .withExplicitTag */ .dj)(item));
    }
    return tags;
}
function parseBuildSettings(raw, given = INPUT_NAMES, cwd = process.cwd()) {
    const names = { ...INPUT_NAMES, ...given };
    const problems = new _errors__WEBPACK_IMPORTED_MODULE_2__/* .Problems */ .Zw();
    const context = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, raw.context || '.');
    if (!isDirectory(context))
        problems.add(names.context, raw.context || '.', `an existing folder (looked for ${context})`);
    // Joined by hand: ncc's asset relocator rewrites path.resolve(x, 'literal') into a bundled path.
    const file = raw.file ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, raw.file) : [context, DEFAULT_DOCKERFILE].join(node_path__WEBPACK_IMPORTED_MODULE_1__.sep);
    if (!isFile(file))
        problems.add(names.file, raw.file || 'Dockerfile', `an existing Dockerfile (looked for ${file})`);
    const tags = parseTags(raw.tags, names.tags, problems);
    let image;
    if (raw.image) {
        const problem = (0,_registry_reference__WEBPACK_IMPORTED_MODULE_3__/* .referenceProblem */ .te)(raw.image);
        if (problem)
            problems.add(names.image, raw.image, `a repository like registry.example.com/acme/web (${problem})`);
        else if (/:[^/]*$/.test(raw.image))
            problems.add(names.image, raw.image, 'a repository without a tag: the tags are derived from the commit (sha-…) and the branch or version tag');
        else
            image = raw.image;
    }
    const labels = parseAssignments(raw.labels, names.labels, problems, 'label');
    const buildArgs = parseAssignments(raw.buildArgs, names.buildArgs, problems, 'arg');
    if (raw.target && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(raw.target))
        problems.add(names.target, raw.target, 'the name of a build stage (FROM … AS <name>)');
    const secrets = parseSecrets(raw.secrets ?? [], raw.secretFiles ?? [], names, problems, cwd);
    const ssh = parseSsh(raw.ssh ?? [], names.ssh, problems, cwd);
    const cacheFrom = parseCacheFrom(raw.cacheFrom ?? [], names.cacheFrom, problems);
    const cacheTo = parseCacheTo(raw.cacheTo ?? [], names.cacheTo, problems);
    const platform = parsePlatforms(raw.platforms ?? [], names.platforms, problems);
    const latest = (raw.latest ?? 'auto').trim().toLowerCase() || 'auto';
    if (!['auto', 'true', 'false'].includes(latest))
        problems.add(names.latest, raw.latest, 'auto (tag latest on the default branch), true or false');
    problems.throwIfAny();
    return {
        context,
        file: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(file) ? file : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(file),
        tags,
        image,
        labels,
        buildArgs,
        target: raw.target || undefined,
        pull: raw.pull,
        noCache: raw.noCache,
        secrets,
        ssh,
        cacheFrom,
        cacheTo,
        platform,
        semverTags: raw.semverTags ?? true,
        latest: latest,
    };
}
const SECRET_ID = /^[A-Za-z0-9_.-]+$/;
/** `id=value` and `id=path` lines into one id → value record; a file is read now, so a missing one fails early. */
function parseSecrets(values, files, names, problems, cwd) {
    const out = {};
    // Never show a secret's value in an error: only its id, or the line's position.
    values.forEach((item, i) => {
        const eq = item.indexOf('=');
        const id = eq < 0 ? '' : item.slice(0, eq).trim();
        if (eq < 0 || !SECRET_ID.test(id)) {
            problems.raw(`${names.secrets}: line ${i + 1} is not id=value (an id of letters, digits, _ . -, then =, then the secret; the value is not shown)`);
            return;
        }
        out[id] = item.slice(eq + 1);
    });
    for (const item of files) {
        const eq = item.indexOf('=');
        const id = eq < 0 ? '' : item.slice(0, eq).trim();
        const path = eq < 0 ? '' : item.slice(eq + 1).trim();
        if (eq < 0 || !SECRET_ID.test(id) || !path) {
            problems.add(names.secretFiles, item, 'id=path (an id of letters, digits, _ . -, then =, then the path of the file holding the secret)');
            continue;
        }
        try {
            out[id] = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, path), 'utf8');
        }
        catch (err) {
            problems.add(names.secretFiles, item, `a readable file (${err.code ?? 'unreadable'} at ${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, path)})`);
        }
    }
    return out;
}
/** `default`, `default=<socket>`, `<id>=<key or socket>[,<key>…]`: each id → an agent socket or key files. */
function parseSsh(items, field, problems, cwd, env = process.env) {
    const out = {};
    for (const item of items) {
        const eq = item.indexOf('=');
        const id = (eq < 0 ? item : item.slice(0, eq)).trim();
        const paths = eq < 0
            ? []
            : item
                .slice(eq + 1)
                .split(',')
                .map((p) => p.trim())
                .filter(Boolean);
        if (!SECRET_ID.test(id)) {
            problems.add(field, item, 'default, default=/path/to/agent.sock or id=/path/to/private_key');
            continue;
        }
        if (!paths.length) {
            // As docker build --ssh default: the agent the environment names.
            if (!env.SSH_AUTH_SOCK) {
                problems.add(field, item, `an SSH agent: ${id} without a path uses $SSH_AUTH_SOCK, which is not set (start one, or give ${id}=/path/to/private_key)`);
                continue;
            }
            paths.push(env.SSH_AUTH_SOCK);
        }
        const source = {};
        for (const p of paths.map((x) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, x))) {
            let stat;
            try {
                stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(p);
            }
            catch {
                problems.add(field, item, `an existing agent socket or private key file (${p} does not exist)`);
                continue;
            }
            if (stat.isSocket()) {
                if (paths.length > 1)
                    problems.add(field, item, 'one agent socket, or key files (not both)');
                source.socket = p;
            }
            else {
                const key = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(p);
                if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key.toString('utf8'))) {
                    problems.add(field, item, `a private key file (PEM or OpenSSH format) or an agent socket (${p} is neither)`);
                    continue;
                }
                (source.keys ??= []).push(key);
            }
        }
        out[id] = source;
    }
    return out;
}
/** Cache types only a BuildKit of buildx's own (a docker-container builder) can use. */
const BUILDX_CACHE_TYPES = ['local', 'gha', 's3', 'azblob'];
/** `type=registry,ref=<image>` or a plain image reference → the images to import cache from. */
function parseCacheFrom(items, field, problems) {
    const refs = [];
    for (const item of items) {
        const attrs = csvAttributes(item);
        const type = attrs.type ?? (attrs.ref ? 'registry' : undefined);
        if (!type && !item.includes('=')) {
            const problem = (0,_registry_reference__WEBPACK_IMPORTED_MODULE_3__/* .referenceProblem */ .te)(item, { allowDigest: true });
            if (problem)
                problems.add(field, item, `an image reference or type=registry,ref=<image> (${problem})`);
            else
                refs.push(item);
            continue;
        }
        if (type !== 'registry') {
            problems.add(field, item, BUILDX_CACHE_TYPES.includes(type ?? '')
                ? `a cache the engine's BuildKit can import: type=${type} needs a buildx builder (docker buildx create --driver docker-container); here use type=registry,ref=<image> (an image pushed with cache-to: type=inline)`
                : 'type=registry,ref=<image>, or a plain image reference');
            continue;
        }
        const problem = attrs.ref ? (0,_registry_reference__WEBPACK_IMPORTED_MODULE_3__/* .referenceProblem */ .te)(attrs.ref, { allowDigest: true }) : 'ref=<image> is missing';
        if (problem)
            problems.add(field, item, `type=registry,ref=<image> (${problem})`);
        else
            refs.push(attrs.ref);
    }
    return refs;
}
/** Only `type=inline` goes through the engine; every other exporter is buildx's. */
function parseCacheTo(items, field, problems) {
    let inline;
    for (const item of items) {
        const attrs = csvAttributes(item);
        const type = attrs.type ?? item.trim();
        if (type === 'inline') {
            inline = 'inline';
            continue;
        }
        problems.add(field, item, type === 'registry' || BUILDX_CACHE_TYPES.includes(type)
            ? `a cache export the engine can write: type=${type} needs a buildx builder (docker buildx create --driver docker-container); here use type=inline (the cache goes into the pushed image; read it back with cache-from: type=registry,ref=<that image>)`
            : 'type=inline');
    }
    return inline;
}
const PLATFORM = /^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_.]+)?$/;
/** One platform through the engine; several need one runner each and a merge. */
function parsePlatforms(items, field, problems) {
    const list = items.map((p) => p.trim()).filter(Boolean);
    for (const p of list)
        if (!PLATFORM.test(p))
            problems.add(field, p, 'a platform like linux/amd64 or linux/arm64/v8');
    if (list.length > 1) {
        problems.raw(`${field}: ${list.join(',')} names ${list.length} platforms, but the engine builds one at a time: ` +
            'build each platform on a runner of that architecture (platforms: one of them, pushed by digest), ' +
            'then join the pushed digests into one multi-platform image with actions/merge (aviary merge)');
    }
    return list[0];
}
/** `type=registry,ref=x,mode=max` → { type, ref, mode }. */
function csvAttributes(item) {
    const out = {};
    for (const part of item.split(',')) {
        const eq = part.indexOf('=');
        if (eq > 0)
            out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    return out;
}
function isDirectory(path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).isDirectory();
    }
    catch {
        return false;
    }
}
function isFile(path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).isFile();
    }
    catch {
        return false;
    }
}


/***/ })

};
;