// SPDX-License-Identifier: GPL-3.0-or-later
// Auth as apps use it with supabase-js: sign-up, sign-in, the user, updates, refresh, sign-out and events.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isAuthApiError, isAuthSessionMissingError, AuthApiError } from '@supabase/supabase-js'
import { anonClient, unique, ok } from './lib.mjs'

const password = 'correct horse battery staple'

function email(prefix) {
    return `${unique(prefix).replace(/[^a-z0-9-]/gi, '-')}@example.com`.toLowerCase()
}

/** A fresh client with a fresh account signed in, and the events it saw. */
async function signedUp(data) {
    const client = anonClient()
    const events = []
    client.auth.onAuthStateChange((event) => events.push(event))
    const address = email('user')
    const res = await client.auth.signUp({ email: address, password, options: data ? { data } : undefined })
    assert.equal(res.error, null, JSON.stringify(res.error))
    return { client, events, address, user: res.data.user, session: res.data.session }
}

test('signUp returns a session and the user; with data, the profile gets it', async () => {
    const plain = await signedUp()
    assert.ok(plain.session.access_token)
    assert.ok(plain.session.refresh_token)
    assert.equal(plain.user.email, plain.address)
    assert.ok(plain.events.includes('SIGNED_IN'), `events: ${plain.events}`)

    const named = await signedUp({ display_name: 'Zoë «Z» & Co' })
    assert.equal(named.user.user_metadata.display_name, 'Zoë «Z» & Co')
    const profile = ok(await named.client.from('profiles').select('email, display_name').single())
    assert.deepEqual(profile, { email: named.address, display_name: 'Zoë «Z» & Co' })
})

test('signInWithPassword, getUser, and the errors are AuthApiErrors', async () => {
    const { address } = await signedUp()
    const client = anonClient()
    const signedIn = await client.auth.signInWithPassword({ email: address, password })
    assert.equal(signedIn.error, null, JSON.stringify(signedIn.error))
    assert.equal(signedIn.data.user.email, address)
    const me = await client.auth.getUser()
    assert.equal(me.error, null)
    assert.equal(me.data.user.id, signedIn.data.user.id)

    const wrong = await anonClient().auth.signInWithPassword({ email: address, password: 'wrong password!' })
    assert.ok(wrong.error instanceof AuthApiError)
    assert.ok(isAuthApiError(wrong.error))
    assert.equal(wrong.error.status, 400)
    assert.equal(wrong.error.code, 'invalid_credentials')
    assert.equal(wrong.data.session, null)

    const taken = await anonClient().auth.signUp({ email: address, password })
    assert.ok(isAuthApiError(taken.error))
    assert.equal(taken.error.code, 'user_already_exists')
    const weak = await anonClient().auth.signUp({ email: email('weak'), password: '123' })
    assert.equal(weak.error.code, 'weak_password')
})

test('rows follow the signed-in user: rules see auth.uid', async () => {
    const alice = await signedUp()
    const bob = await signedUp()
    ok(await alice.client.from('notes').insert({ owner_id: alice.user.id, body: 'alice only, & private' }))
    assert.deepEqual(ok(await alice.client.from('notes').select('body')), [{ body: 'alice only, & private' }])
    assert.deepEqual(ok(await bob.client.from('notes').select('body')), [])
    const forged = await bob.client.from('notes').insert({ owner_id: alice.user.id, body: 'forged' })
    assert.equal(forged.error?.code, '42501')
})

test('updateUser changes metadata and password, and fires USER_UPDATED', async () => {
    const { client, events, address } = await signedUp()
    const updated = await client.auth.updateUser({ data: { theme: 'dark' } })
    assert.equal(updated.error, null, JSON.stringify(updated.error))
    assert.equal(updated.data.user.user_metadata.theme, 'dark')
    assert.ok(events.includes('USER_UPDATED'), `events: ${events}`)
    const newPassword = 'another long passphrase'
    const changed = await client.auth.updateUser({ password: newPassword })
    assert.equal(changed.error, null, JSON.stringify(changed.error))
    const again = await anonClient().auth.signInWithPassword({ email: address, password: newPassword })
    assert.equal(again.error, null, JSON.stringify(again.error))
    // current_password, as auth-js sends it: a wrong one is refused with GoTrue's code, a right one works.
    const wrong = await client.auth.updateUser({ password: 'a third passphrase', current_password: 'not it at all' })
    assert.ok(isAuthApiError(wrong.error), JSON.stringify(wrong.error))
    assert.equal(wrong.error.code, 'current_password_mismatch')
    const right = await client.auth.updateUser({ password: 'a third passphrase', current_password: newPassword })
    assert.equal(right.error, null, JSON.stringify(right.error))
})

test('refreshSession issues new tokens and fires TOKEN_REFRESHED; a used refresh token is refused', async () => {
    const { client, events, session } = await signedUp()
    const refreshed = await client.auth.refreshSession()
    assert.equal(refreshed.error, null, JSON.stringify(refreshed.error))
    assert.notEqual(refreshed.data.session.refresh_token, session.refresh_token)
    assert.ok(events.includes('TOKEN_REFRESHED'), `events: ${events}`)
    const reused = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token })
    assert.ok(isAuthApiError(reused.error), JSON.stringify(reused.error))
})

test('signOut (local) ends the session: its old token is refused by the data and auth APIs', async () => {
    const { client, events, session } = await signedUp()
    const out = await client.auth.signOut({ scope: 'local' })
    assert.equal(out.error, null)
    assert.ok(events.includes('SIGNED_OUT'), `events: ${events}`)
    const stale = anonClient({ global: { headers: { Authorization: `Bearer ${session.access_token}` } } })
    const rows = await stale.from('notes').select()
    assert.equal(rows.status, 401)
    assert.equal(rows.error.code, 'PGRST301')
    // The server answers 403 session_not_found, which auth-js turns into an AuthSessionMissingError.
    const user = await anonClient().auth.getUser(session.access_token)
    assert.ok(isAuthSessionMissingError(user.error), JSON.stringify(user.error))
    assert.equal(user.data.user, null)
})

test('signOut scopes: others keeps this session, global ends every one', async () => {
    const { client, address } = await signedUp()
    const second = anonClient()
    ok(await second.auth.signInWithPassword({ email: address, password }))
    const third = anonClient()
    ok(await third.auth.signInWithPassword({ email: address, password }))

    assert.equal((await client.auth.signOut({ scope: 'others' })).error, null)
    assert.equal((await client.auth.getUser()).error, null, 'the session that signed the others out stays')
    assert.ok(isAuthSessionMissingError((await second.auth.getUser()).error))

    const token = (await client.auth.getSession()).data.session.access_token
    const fourth = anonClient()
    ok(await fourth.auth.signInWithPassword({ email: address, password }))
    assert.equal((await fourth.auth.signOut()).error, null) // the default scope is global
    assert.ok(isAuthSessionMissingError((await anonClient().auth.getUser(token)).error))
})

test('password guessing is stopped with 429, and other accounts still sign in', async () => {
    const victim = await signedUp()
    const guesser = anonClient()
    let limited = null
    for (let attempt = 1; attempt <= 15 && !limited; attempt++) {
        const res = await guesser.auth.signInWithPassword({ email: victim.address, password: `guess number ${attempt}` })
        assert.ok(isAuthApiError(res.error), JSON.stringify(res.error))
        if (res.error.status === 429)
            limited = res.error
        else
            assert.equal(res.error.code, 'invalid_credentials')
    }
    assert.ok(limited, 'fifteen wrong passwords in a row must be limited')
    assert.equal(limited.code, 'over_request_rate_limit')
    // Held back for that email from this address, even with the right password...
    const right = await guesser.auth.signInWithPassword({ email: victim.address, password })
    assert.equal(right.error?.status, 429)
    // ...while another account signs in from the same address.
    const other = await signedUp()
    const fine = await anonClient().auth.signInWithPassword({ email: other.address, password })
    assert.equal(fine.error, null, JSON.stringify(fine.error))
})
