"use strict";
exports.id = 518;
exports.ids = [518];
exports.modules = {

/***/ 26518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration),
/* harmony export */   a: () => (/* binding */ formatDuration)
/* harmony export */ });
// Durations as users write them in aviary.yml and inputs: 500ms, 2s, 5m, 1h, 1m30s.
const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** Milliseconds for a duration string, or undefined when it is not one. Bare 0 is allowed. */
function parseDuration(text) {
    if (typeof text === 'number')
        return Number.isFinite(text) && text === 0 ? 0 : undefined;
    if (typeof text !== 'string')
        return undefined;
    const s = text.trim();
    if (s === '0')
        return 0;
    if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(s))
        return undefined;
    let total = 0;
    for (const [, n, unit] of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
        total += Number(n) * UNITS[unit];
    return Number.isFinite(total) && total <= 7 * 24 * 3_600_000 ? Math.round(total) : undefined;
}
/** 1500 → "1.5s", 90000 → "1m30s", 250 → "250ms". */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1).replace(/\.?0+$/, '')}s`;
    const m = Math.floor(ms / 60_000);
    const s = Math.round((ms % 60_000) / 1000);
    return s ? `${m}m${s}s` : `${m}m`;
}


/***/ })

};
;