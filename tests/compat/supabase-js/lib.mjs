// SPDX-License-Identifier: GPL-3.0-or-later
// What every test file of the suite shares: the server under test (from tst_supabasejs) and clients on it.
import { createClient } from '@supabase/supabase-js'
import ws from 'ws'

export const url = process.env.BASALT_URL
export const anonKey = process.env.BASALT_ANON_KEY
export const serviceKey = process.env.BASALT_SERVICE_KEY
export const engine = process.env.BASALT_ENGINE ?? 'sqlite'
if (!url || !anonKey || !serviceKey)
    throw new Error('BASALT_URL, BASALT_ANON_KEY and BASALT_SERVICE_KEY must be set (tst_supabasejs sets them)')

// Node.js 20 has no WebSocket of its own: realtime-js is given the ws package, as its docs tell Node apps.
const options = {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: ws },
}

/** A client with the service_role key: bypasses rules, as a seed script or an admin tool. */
export function serviceClient() {
    return createClient(url, serviceKey, options)
}

/** A client with the anon key, as a browser app starts. */
export function anonClient(extra = {}) {
    return createClient(url, anonKey, { ...options, ...extra, auth: { ...options.auth, ...(extra.auth ?? {}) } })
}

let counter = 0
/** Returns a name no other test of this run uses: `<prefix> <pid>-<n>`. */
export function unique(prefix) {
    counter += 1
    return `${prefix} ${process.pid}-${counter}`
}

/** Throws with the PostgREST error's fields when \a result carries one, else returns its data. */
export function ok(result) {
    if (result.error)
        throw new Error(`unexpected error (status ${result.status}): ${JSON.stringify(result.error)}`)
    return result.data
}

/** Values that break naive URL handling: each must be matched exactly by every filter. */
export const trickyValues = [
    'Books & Media',
    'a, b',
    'dot.ted.value',
    'paren (round) value',
    'say "hi"',
    "it's",
    '1+1=2',
    'a%20b',
    'back\\slash',
    'Ünïcödé ß',
    '日本語',
    'emoji 🎉👍🏽',
    'star*value',
    '  padded  ',
]
