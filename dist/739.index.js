exports.id = 739;
exports.ids = [739];
exports.modules = {

/***/ 5645:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;
const tar = __webpack_require__(6118)
const pump = __webpack_require__(7898)
const fs = __webpack_require__(9896)
const path = __webpack_require__(6928)

const win32 = (global.Bare ? global.Bare.platform : process.platform) === 'win32'

exports.q = function pack (cwd, opts) {
  if (!cwd) cwd = '.'
  if (!opts) opts = {}

  const xfs = opts.fs || fs
  const ignore = opts.ignore || opts.filter || noop
  const mapStream = opts.mapStream || echo
  const statNext = statAll(xfs, opts.dereference ? xfs.stat : xfs.lstat, cwd, ignore, opts.entries, opts.sort)
  const strict = opts.strict !== false
  const umask = typeof opts.umask === 'number' ? ~opts.umask : ~processUmask()
  const pack = opts.pack || tar.pack()
  const finish = opts.finish || noop

  let map = opts.map || noop
  let dmode = typeof opts.dmode === 'number' ? opts.dmode : 0
  let fmode = typeof opts.fmode === 'number' ? opts.fmode : 0

  if (opts.strip) map = strip(map, opts.strip)

  if (opts.readable) {
    dmode |= parseInt(555, 8)
    fmode |= parseInt(444, 8)
  }
  if (opts.writable) {
    dmode |= parseInt(333, 8)
    fmode |= parseInt(222, 8)
  }

  onnextentry()

  function onsymlink (filename, header) {
    xfs.readlink(path.join(cwd, filename), function (err, linkname) {
      if (err) return pack.destroy(err)
      header.linkname = normalize(linkname)
      pack.entry(header, onnextentry)
    })
  }

  function onstat (err, filename, stat) {
    if (pack.destroyed) return
    if (err) return pack.destroy(err)
    if (!filename) {
      if (opts.finalize !== false) pack.finalize()
      return finish(pack)
    }

    if (stat.isSocket()) return onnextentry() // tar does not support sockets...

    let header = {
      name: normalize(filename),
      mode: (stat.mode | (stat.isDirectory() ? dmode : fmode)) & umask,
      mtime: stat.mtime,
      size: stat.size,
      type: 'file',
      uid: stat.uid,
      gid: stat.gid
    }

    if (stat.isDirectory()) {
      header.size = 0
      header.type = 'directory'
      header = map(header) || header
      return pack.entry(header, onnextentry)
    }

    if (stat.isSymbolicLink()) {
      header.size = 0
      header.type = 'symlink'
      header = map(header) || header
      return onsymlink(filename, header)
    }

    // TODO: add fifo etc...

    header = map(header) || header

    if (!stat.isFile()) {
      if (strict) return pack.destroy(new Error('unsupported type for ' + filename))
      return onnextentry()
    }

    const entry = pack.entry(header, onnextentry)
    const rs = mapStream(xfs.createReadStream(path.join(cwd, filename), { start: 0, end: header.size > 0 ? header.size - 1 : header.size }), header)

    rs.on('error', function (err) { // always forward errors on destroy
      entry.destroy(err)
    })

    pump(rs, entry)
  }

  function onnextentry (err) {
    if (err) return pack.destroy(err)
    statNext(onstat)
  }

  return pack
}

function head (list) {
  return list.length ? list[list.length - 1] : null
}

function processGetuid () {
  return (!global.Bare && process.getuid) ? process.getuid() : -1
}

function processUmask () {
  return (!global.Bare && process.umask) ? process.umask() : 0
}

__webpack_unused_export__ = function extract (cwd, opts) {
  if (!cwd) cwd = '.'
  if (!opts) opts = {}

  cwd = path.resolve(cwd)

  const xfs = opts.fs || fs
  const ignore = opts.ignore || opts.filter || noop
  const mapStream = opts.mapStream || echo
  const own = opts.chown !== false && !win32 && processGetuid() === 0
  const extract = opts.extract || tar.extract()
  const stack = []
  const now = new Date()
  const umask = typeof opts.umask === 'number' ? ~opts.umask : ~processUmask()
  const strict = opts.strict !== false
  const validateSymLinks = opts.validateSymlinks !== false

  let map = opts.map || noop
  let dmode = typeof opts.dmode === 'number' ? opts.dmode : 0
  let fmode = typeof opts.fmode === 'number' ? opts.fmode : 0

  if (opts.strip) map = strip(map, opts.strip)

  if (opts.readable) {
    dmode |= parseInt(555, 8)
    fmode |= parseInt(444, 8)
  }
  if (opts.writable) {
    dmode |= parseInt(333, 8)
    fmode |= parseInt(222, 8)
  }

  extract.on('entry', onentry)

  if (opts.finish) extract.on('finish', opts.finish)

  return extract

  function onentry (header, stream, next) {
    header = map(header) || header
    header.name = normalize(header.name)

    const name = path.join(cwd, path.join('/', header.name))

    if (ignore(name, header)) {
      stream.resume()
      return next()
    }

    const dir = path.join(name, '.') === path.join(cwd, '.') ? cwd : path.dirname(name)

    validate(xfs, dir, path.join(cwd, '.'), function (err, valid) {
      if (err) return next(err)
      if (!valid) return next(new Error(dir + ' is not a valid path'))

      if (header.type === 'directory') {
        stack.push([name, header.mtime])
        return mkdirfix(name, {
          fs: xfs,
          own,
          uid: header.uid,
          gid: header.gid,
          mode: header.mode
        }, stat)
      }

      mkdirfix(dir, {
        fs: xfs,
        own,
        uid: header.uid,
        gid: header.gid,
        // normally, the folders with rights and owner should be part of the TAR file
        // if this is not the case, create folder for same user as file and with
        // standard permissions of 0o755 (rwxr-xr-x)
        mode: 0o755
      }, function (err) {
        if (err) return next(err)

        switch (header.type) {
          case 'file': return onfile()
          case 'link': return onlink()
          case 'symlink': return onsymlink()
        }

        if (strict) return next(new Error('unsupported type for ' + name + ' (' + header.type + ')'))

        stream.resume()
        next()
      })
    })

    function stat (err) {
      if (err) return next(err)
      if (path.join(name, '.') === path.join(cwd, '.')) return next() // do not touch the extraction root itself
      utimes(name, header, function (err) {
        if (err) return next(err)
        if (win32) return next()
        chperm(name, header, next)
      })
    }

    function onsymlink () {
      if (win32) return next() // skip symlinks on win for now before it can be tested
      xfs.unlink(name, function () {
        const dst = path.resolve(path.dirname(name), header.linkname)
        // strip shifts the resolution anchor, so a relative linkname may now escape - reject regardless of validateSymlinks
        if (!inCwd(dst) && (validateSymLinks || opts.strip)) return next(new Error(name + ' is not a valid symlink'))

        validateNotSymlink(xfs, dst, path.join(cwd, '.'), function (err, valid) {
          if (err) return next(err)
          if (!valid && validateSymLinks) return next(new Error(name + ' is not a valid symlink'))
          xfs.symlink(header.linkname, name, stat)
        })
      })
    }

    function onlink () {
      if (win32) return next() // skip links on win for now before it can be tested
      xfs.unlink(name, function () {
        const link = path.join(cwd, path.join('/', header.linkname))

        xfs.realpath(link, function (err, dst) {
          if (err || !inCwd(dst)) return next(new Error(name + ' is not a valid hardlink'))

          xfs.link(dst, name, function (err) {
            if (err && err.code === 'EPERM' && opts.hardlinkAsFilesFallback) {
              stream = xfs.createReadStream(dst)
              return onfile()
            }

            stat(err)
          })
        })
      })
    }

    function inCwd (dst) {
      return dst === cwd || dst.startsWith(cwd + path.sep)
    }

    function onfile () {
      xfs.lstat(name, function (err, st) {
        if (!err && st.isSymbolicLink()) return xfs.unlink(name, onwrite) // never write through an existing symlink
        onwrite()
      })

      function onwrite (err) {
        if (err) return next(err)

        const ws = xfs.createWriteStream(name)
        const rs = mapStream(stream, header)

        ws.on('error', function (err) { // always forward errors on destroy
          rs.destroy(err)
        })

        pump(rs, ws, function (err) {
          if (err) return next(err)
          ws.on('close', stat)
        })
      }
    }
  }

  function utimesParent (name, cb) { // we just set the mtime on the parent dir again everytime we write an entry
    let top
    while ((top = head(stack)) && name.slice(0, top[0].length) !== top[0]) stack.pop()
    if (!top) return cb()
    xfs.utimes(top[0], now, top[1], cb)
  }

  function utimes (name, header, cb) {
    if (opts.utimes === false) return cb()

    if (header.type === 'directory') return xfs.utimes(name, now, header.mtime, cb)
    if (header.type === 'symlink') return utimesParent(name, cb) // TODO: how to set mtime on link?

    xfs.utimes(name, now, header.mtime, function (err) {
      if (err) return cb(err)
      utimesParent(name, cb)
    })
  }

  function chperm (name, header, cb) {
    const link = header.type === 'symlink'

    /* eslint-disable n/no-deprecated-api */
    const chmod = link ? xfs.lchmod : xfs.chmod
    const chown = link ? xfs.lchown : xfs.chown
    /* eslint-enable n/no-deprecated-api */

    if (!chmod) return cb()

    const mode = (header.mode | (header.type === 'directory' ? dmode : fmode)) & umask & 0o777 // never extract setuid/setgid/sticky bits

    if (chown && own) chown.call(xfs, name, header.uid, header.gid, onchown)
    else onchown(null)

    function onchown (err) {
      if (err) return cb(err)
      if (!chmod) return cb()
      chmod.call(xfs, name, mode, cb)
    }
  }

  function mkdirfix (name, opts, cb) {
    // when mkdir is called on an existing directory, the permissions
    // will be overwritten (?), to avoid this we check for its existance first
    xfs.stat(name, function (err) {
      if (!err) return cb(null)
      if (err.code !== 'ENOENT') return cb(err)
      xfs.mkdir(name, { mode: opts.mode, recursive: true }, function (err, made) {
        if (err) return cb(err)
        chperm(name, opts, cb)
      })
    })
  }
}

function validateNotSymlink (fs, name, root, cb) {
  if (name === root) return cb(null, true)
  if (!name.startsWith(root + path.sep)) return cb(null, false)

  fs.lstat(name, function (err, st) {
    if (err && err.code !== 'ENOENT' && err.code !== 'EPERM') return cb(err)
    if (err || !st.isSymbolicLink()) return validateNotSymlink(fs, path.join(name, '..'), root, cb)
    cb(null, false)
  })
}

function validate (fs, name, root, cb) {
  if (name === root) return cb(null, true)

  fs.lstat(name, function (err, st) {
    if (err && err.code !== 'ENOENT' && err.code !== 'EPERM') return cb(err)
    if (err || st.isDirectory()) return validate(fs, path.join(name, '..'), root, cb)
    cb(null, false)
  })
}

function inside (root, name) {
  return name === root || name.startsWith(root + path.sep)
}

function noop () {}

function echo (name) {
  return name
}

function normalize (name) {
  return win32 ? name.replace(/\\/g, '/').replace(/[:?<>|]/g, '_') : name
}

function statAll (fs, stat, cwd, ignore, entries, sort) {
  if (!entries) entries = ['.']
  const queue = entries.slice(0)
  const root = path.resolve(cwd)

  return function loop (callback) {
    if (!queue.length) return callback(null)

    const next = queue.shift()
    const nextAbs = path.join(cwd, next)

    if (!inside(root, path.resolve(cwd, next))) return callback(new Error(next + ' is not a valid path')) // do not pack outside cwd

    stat.call(fs, nextAbs, function (err, stat) {
      // ignore errors if the files were deleted while buffering
      if (err) return callback(entries.indexOf(next) === -1 && err.code === 'ENOENT' ? null : err)

      if (!stat.isDirectory()) return callback(null, next, stat)

      fs.readdir(nextAbs, function (err, files) {
        if (err) return callback(err)

        if (sort) files.sort()

        for (let i = 0; i < files.length; i++) {
          if (!ignore(path.join(cwd, next, files[i]))) queue.push(path.join(next, files[i]))
        }

        callback(null, next, stat)
      })
    })
  }
}

function strip (map, level) {
  return function (header) {
    header.name = header.name.split('/').slice(level).join('/')

    const linkname = header.linkname
    if (linkname && (header.type === 'link' || path.isAbsolute(linkname))) {
      header.linkname = linkname.split('/').slice(level).join('/')
    }

    return map(header)
  }
}


/***/ }),

/***/ 1307:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

"use strict";

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _w: () => (/* binding */ buildImage)
});

// UNUSED EXPORTS: BuildTranscript, dockerfileWord, labelDockerfile, planTagsAndLabels

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/github/context.ts
// The GitHub run context as plain GITHUB_* environment variables: the source of the OCI labels and
// default tags of a build. Read from env (not @actions/github) so that the CLI and tests share it.
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
    return text.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[.-]+/, '').slice(0, 128);
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
var duration = __webpack_require__(6518);
// EXTERNAL MODULE: ./node_modules/tar-fs/index.js
var tar_fs = __webpack_require__(5645);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@balena/dockerignore/ignore.js
var ignore = __webpack_require__(4158);
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
    return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
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
    const dockerfile = inside ? rel : `.dockerfile.${(0,external_node_crypto_.createHash)('sha256').update((0,external_node_fs_.readFileSync)(dockerfilePath)).digest('hex').slice(0, 20)}`;
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
    const stream = tar_fs/* pack */.q(context, {
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
            uid: 0, gid: 0, uname: '', gname: '',
        }),
        // As the docker CLI does: the outside Dockerfile goes in under a private name that the
        // .dockerignore lists, so the engine drops it from the context once it has read it and
        // COPY . neither sees it nor loses its cache over it.
        finish: inside ? undefined : (pack) => {
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
;// CONCATENATED MODULE: ./src/build/build.ts







/** The tags and labels a build applies: explicit ones, else defaults from the GitHub context. */
function planTagsAndLabels(settings, ctx, now) {
    // User labels come last so that they can override the OCI ones, as with docker/metadata-action.
    const labels = { ...ociLabels(ctx, now), ...settings.labels };
    if (settings.tags.length || !settings.image)
        return { tags: settings.tags, labels };
    const tags = defaultTags(settings.image, ctx);
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
        const line = raw.slice(raw.lastIndexOf('\r', raw.length - 2) + 1).replace(/\x1b\[[0-9;]*m/g, '').trimEnd();
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
    return tar_fs/* pack */.q('.', {
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
/** Builds settings.context on the engine; returns the image id, tags and labels. */
async function buildImage(docker, settings, log, options = {}) {
    const env = options.env ?? process.env;
    // SOURCE_DATE_EPOCH (the reproducible-builds convention) pins .created, so that an unchanged
    // source gives the same image id; otherwise it is the build's own time.
    const epoch = Number(env.SOURCE_DATE_EPOCH);
    const now = options.now ?? (() => (env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date()));
    const { tags, labels } = planTagsAndLabels(settings, githubContext(env), now());
    const context = packContext(settings.context, settings.file);
    log.info(`context: ${settings.context}${context.ignored.length ? ` (.dockerignore: ${context.ignored.length} patterns)` : ''}`);
    log.info(`Dockerfile: ${settings.file}${settings.target ? `, target ${settings.target}` : ''}`);
    log.info(tags.length ? `tags: ${tags.join(', ')}` : 'tags: none (the image is reachable by its id only)');
    const argNames = Object.keys(settings.buildArgs);
    if (argNames.length)
        log.info(`build args: ${argNames.join(', ')}`);
    for (const [key, value] of Object.entries(labels))
        log.debug(`label ${key}=${value}`);
    const started = Date.now();
    const registryconfig = (0,credentials/* buildRegistryConfig */.g4)(env, log);
    const built = await log.group(`Build ${tags[0] ?? settings.context}`, () => runBuild(docker, context.stream, {
        dockerfile: context.dockerfile,
        buildargs: settings.buildArgs,
        target: settings.target,
        pull: settings.pull,
        nocache: settings.noCache,
        ...(Object.keys(registryconfig).length ? { registryconfig } : {}),
    }, (line) => log.info(line), options.tailLines));
    // The labels go on in a second, one-step build. Given to the first build, the legacy builder would
    // append one LABEL step per label, each a container commit (~0.3 s), and the ever-new .created
    // would defeat the cache of all of them; here the first build stays fully cached on an unchanged
    // source and the labels cost one step.
    log.debug(`labelling ${built}`);
    const imageId = await runBuild(docker, singleFileTar('Dockerfile', labelDockerfile(built, labels)), {
        dockerfile: 'Dockerfile',
        t: tags, // docker-modem repeats an array as t=a&t=b, which the engine reads as several tags
    }, (line) => log.debug(line), options.tailLines);
    const durationMs = Date.now() - started;
    log.info(`built ${imageId} in ${(0,duration/* formatDuration */.a)(durationMs)}${tags.length ? `, tagged ${tags.join(', ')}` : ''}`);
    return { imageId, tags, labels, durationMs, metadata: { imageid: imageId, tags, labels, durationMs } };
}


/***/ }),

/***/ 8079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

"use strict";
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ connectBuilder)
/* harmony export */ });
/* harmony import */ var dockerode__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9040);
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

"use strict";
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
                reject(Object.assign(new Error('the connection to the Docker engine closed before the end of its output'), { code: 'ECONNRESET' }));
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

/***/ 4251:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

"use strict";
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   di: () => (/* binding */ parseBuildSettings),
/* harmony export */   fA: () => (/* binding */ splitAssignments),
/* harmony export */   rL: () => (/* binding */ parseTags)
/* harmony export */ });
/* unused harmony exports INPUT_NAMES, parseAssignments */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _registry_reference__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9310);
// A build's settings, validated from raw inputs or flags: every problem is reported at once, each
// naming the input (or flag) and what was expected. Pure except for checking that paths exist.




const DEFAULT_DOCKERFILE = 'Dockerfile';
const INPUT_NAMES = {
    context: 'input context', file: 'input file', tags: 'input tags', image: 'input image', labels: 'input labels',
    buildArgs: 'input build-args', target: 'input target', pull: 'input pull', noCache: 'input no-cache',
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
function parseBuildSettings(raw, names = INPUT_NAMES, cwd = process.cwd()) {
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
    };
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