// SPDX-License-Identifier: GPL-3.0-or-later
// Realtime as apps use it with supabase-js: channel().subscribe(), postgres_changes with a filter, broadcast with self
// and ack, presence between two clients, httpSend() and removeChannel(), against compat.basalt.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { anonClient, serviceClient, unique, ok } from './lib.mjs'

const clients = []
function client(make = anonClient) {
    const c = make()
    clients.push(c)
    return c
}

// Every socket is closed at the end, or node would wait for them.
after(async () => {
    for (const c of clients) {
        await c.removeAllChannels()
        c.realtime.disconnect()
    }
})

/** Subscribes \a channel; resolves once SUBSCRIBED, rejects on CHANNEL_ERROR, TIMED_OUT or CLOSED. */
function subscribed(channel) {
    return new Promise((resolve, reject) => {
        channel.subscribe((status, error) => {
            if (status === 'SUBSCRIBED')
                resolve(channel)
            else
                reject(error ?? new Error(status))
        })
    })
}

/** Resolves with the first element of \a list (filled by callbacks) for which \a match is true. */
async function arrives(list, match = () => true, timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
        const found = list.find(match)
        if (found !== undefined)
            return found
        await new Promise((r) => setTimeout(r, 20))
    }
    throw new Error(`nothing arrived within ${timeoutMs} ms; received: ${JSON.stringify(list).slice(0, 500)}`)
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms))

test('subscribe() reaches SUBSCRIBED and removeChannel() leaves', async () => {
    const c = client()
    const channel = await subscribed(c.channel(unique('plain').replace(/ /g, '-')))
    assert.equal(channel.state, 'joined')
    assert.equal(await c.removeChannel(channel), 'ok')
    assert.equal(c.getChannels().length, 0)
})

test('postgres_changes: INSERT, UPDATE and DELETE of the rows a filter matches, as the anon role', async () => {
    const name = unique('rt').replace(/ /g, '-')
    const events = []
    const c = client()
    const channel = c.channel(unique('changes').replace(/ /g, '-'))
        .on('postgres_changes', { event: '*', schema: 'public', table: 'products', filter: `name=eq.${name}` },
            (payload) => events.push(payload))
    await subscribed(channel)

    const service = serviceClient()
    ok(await service.from('products').insert({ name: `${name}-other`, price: 1, stock: 1 }))
    const [row] = ok(await service.from('products').insert({ name, price: 2.5, stock: 3 }).select())
    const inserted = await arrives(events, (e) => e.eventType === 'INSERT')
    assert.equal(inserted.schema, 'public')
    assert.equal(inserted.table, 'products')
    assert.equal(inserted.new.id, row.id)
    assert.equal(inserted.new.name, name)
    assert.equal(inserted.new.price, 2.5)
    assert.ok(!Number.isNaN(Date.parse(inserted.commit_timestamp)))

    ok(await service.from('products').update({ price: 4 }).eq('id', row.id))
    const updated = await arrives(events, (e) => e.eventType === 'UPDATE')
    assert.equal(updated.new.price, 4)
    assert.equal(updated.old.price, 2.5)

    ok(await service.from('products').delete().eq('id', row.id))
    const deleted = await arrives(events, (e) => e.eventType === 'DELETE')
    assert.equal(deleted.old.id, row.id)
    assert.deepEqual(deleted.new, {})

    await pause(200)
    assert.equal(events.length, 3, JSON.stringify(events)) // the other row never came
    await c.removeChannel(channel)
})

test('postgres_changes under an owner rule: each signed-in user gets only their own rows, anon none', async () => {
    // notes: select, insert, update, delete where owner_id = auth.uid (signed-in users only).
    const users = []
    for (const who of ['a', 'b']) {
        const c = client()
        const address = `${unique('rt-' + who).replace(/[^a-z0-9-]/gi, '-')}@example.com`.toLowerCase()
        const { data, error } = await c.auth.signUp({ email: address, password: 'correct horse battery staple' })
        assert.equal(error, null, JSON.stringify(error))
        const events = []
        const channel = c.channel(unique('notes-' + who).replace(/ /g, '-'))
            .on('postgres_changes', { event: '*', schema: 'public', table: 'notes' }, (payload) => events.push(payload))
        await subscribed(channel)
        users.push({ c, id: data.user.id, events })
    }
    const anonEvents = []
    await subscribed(client().channel(unique('notes-anon').replace(/ /g, '-'))
        .on('postgres_changes', { event: '*', schema: 'public', table: 'notes' }, (payload) => anonEvents.push(payload)))

    const [a, b] = users
    const [mine] = ok(await a.c.from('notes').insert({ owner_id: a.id, body: 'for a' }).select())
    const seen = await arrives(a.events, (e) => e.eventType === 'INSERT' && e.new.id === mine.id)
    assert.equal(seen.new.body, 'for a')
    const [theirs] = ok(await b.c.from('notes').insert({ owner_id: b.id, body: 'for b' }).select())
    await arrives(b.events, (e) => e.eventType === 'INSERT' && e.new.id === theirs.id)
    ok(await a.c.from('notes').update({ body: 'for a, again' }).eq('id', mine.id))
    await arrives(a.events, (e) => e.eventType === 'UPDATE' && e.new.body === 'for a, again')

    await pause(300)
    assert.ok(a.events.every((e) => (e.new.owner_id ?? e.old.owner_id) === a.id), JSON.stringify(a.events))
    assert.ok(b.events.every((e) => (e.new.owner_id ?? e.old.owner_id) === b.id), JSON.stringify(b.events))
    assert.equal(anonEvents.length, 0, JSON.stringify(anonEvents))
})

test('a token refresh keeps a channel live; after sign-out it gets no more of the user\'s rows', async () => {
    // supabase-js hands each new token to realtime-js, which pushes access_token on every joined channel.
    const c = client()
    const address = `${unique('rt-refresh').replace(/[^a-z0-9-]/gi, '-')}@example.com`.toLowerCase()
    const { data, error } = await c.auth.signUp({ email: address, password: 'correct horse battery staple' })
    assert.equal(error, null, JSON.stringify(error))
    const events = []
    const channel = c.channel(unique('refresh').replace(/ /g, '-'))
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'notes' }, (payload) => events.push(payload))
    await subscribed(channel)
    const service = client(serviceClient)

    await pause(1100) // a token made in the same second as the first would be the same token
    const refreshed = await c.auth.refreshSession()
    assert.equal(refreshed.error, null, JSON.stringify(refreshed.error))
    assert.notEqual(refreshed.data.session.access_token, data.session.access_token)
    ok(await service.from('notes').insert({ owner_id: data.user.id, body: 'after the refresh' }))
    await arrives(events, (e) => e.new.body === 'after the refresh')
    assert.equal(channel.state, 'joined')

    // Signed out: the channel acts as anon from the access_token push on, and notes are for their owner only.
    assert.equal((await c.auth.signOut()).error, null)
    await pause(300)
    ok(await service.from('notes').insert({ owner_id: data.user.id, body: 'after the sign-out' }))
    await pause(500)
    assert.ok(!events.some((e) => e.new.body === 'after the sign-out'), JSON.stringify(events))
})

test('postgres_changes filters: every operator, each channel gets exactly its rows', async () => {
    const run = unique('filters').replace(/ /g, '-')
    // a: price 1, stock 0, released in January; b: price 5, stock 3, in June; CX: price 9.5, stock 7, no date.
    const rows = [
        { name: `${run}-a`, price: 1, stock: 0, released: '2026-01-01' },
        { name: `${run}-b`, price: 5, stock: 3, released: '2026-06-01' },
        { name: `${run}-CX`, price: 9.5, stock: 7, released: null },
    ]
    const cases = {
        'price=eq.5': ['b'], 'price=neq.5': ['a', 'CX'], 'price=lt.5': ['a'], 'price=lte.5': ['a', 'b'],
        'price=gt.5': ['CX'], 'price=gte.5': ['b', 'CX'], 'stock=in.(0,3)': ['a', 'b'],
        'name=like.%-a': ['a'], 'name=ilike.%-cx': ['CX'], 'released=is.null': ['CX'],
        'released=not.is.null': ['a', 'b'], 'name=match.-[ab]$': ['a', 'b'], 'name=imatch.-cx$': ['CX'],
        'released=isdistinct.2026-01-01': ['b', 'CX'],
    }
    const c = client()
    const received = {}
    for (const filter of Object.keys(cases)) {
        received[filter] = []
        // Each channel also filters on this run's description, so rows of other tests never count.
        await subscribed(c.channel(unique('filter').replace(/ /g, '-'))
            .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'products', filter: `description=eq.${run},${filter}` },
                (payload) => received[filter].push(payload.new.name.slice(run.length + 1))))
    }
    ok(await serviceClient().from('products').insert(rows.map((row) => ({ ...row, description: run }))))
    for (const [filter, expected] of Object.entries(cases))
        for (const name of expected)
            await arrives(received[filter], (got) => got === name)
    await pause(300)
    for (const [filter, expected] of Object.entries(cases))
        assert.deepEqual(received[filter].sort(), expected.slice().sort(), filter)
})

test('postgres_changes on a table with Realtime off: CHANNEL_ERROR naming the table', async () => {
    const c = client()
    const channel = c.channel(unique('off').replace(/ /g, '-'))
        .on('postgres_changes', { event: '*', schema: 'public', table: 'categories' }, () => {})
    await assert.rejects(subscribed(channel), (error) => {
        assert.match(String(error?.message ?? error), /Realtime is off for the table "categories"/)
        return true
    })
})

test('postgres_changes: a binding for INSERT only gets inserts', async () => {
    const name = unique('ins').replace(/ /g, '-')
    const inserts = []
    const c = client()
    const channel = c.channel(unique('inserts').replace(/ /g, '-'))
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'tags', filter: `name=in.(${name},x)` },
            (payload) => inserts.push(payload))
    await subscribed(channel)
    const service = serviceClient()
    const [tag] = ok(await service.from('tags').insert({ name }).select())
    ok(await service.from('tags').update({ name: `${name}` }).eq('id', tag.id))
    const got = await arrives(inserts)
    assert.equal(got.new.name, name)
    await pause(200)
    assert.equal(inserts.length, 1)
    await c.removeChannel(channel)
})

test('broadcast: self and ack', async () => {
    const topic = unique('room').replace(/ /g, '-')
    const a = client()
    const b = client()
    const gotA = []
    const gotB = []
    const channelA = a.channel(topic, { config: { broadcast: { self: true, ack: true } } })
        .on('broadcast', { event: 'move' }, (m) => gotA.push(m))
    const channelB = b.channel(topic).on('broadcast', { event: 'move' }, (m) => gotB.push(m))
    await subscribed(channelA)
    await subscribed(channelB)

    assert.equal(await channelA.send({ type: 'broadcast', event: 'move', payload: { x: 1 } }), 'ok') // acked
    const echoed = await arrives(gotA)
    assert.deepEqual(echoed.payload, { x: 1 })
    assert.equal(echoed.event, 'move')
    assert.deepEqual((await arrives(gotB)).payload, { x: 1 })

    assert.equal(await channelB.send({ type: 'broadcast', event: 'move', payload: { x: 2 } }), 'ok')
    await arrives(gotA, (m) => m.payload.x === 2)
    await pause(200)
    assert.equal(gotB.filter((m) => m.payload.x === 2).length, 0) // self is false by default

    assert.deepEqual(await channelA.httpSend('move', { x: 3 }), { success: true })
    await arrives(gotB, (m) => m.payload.x === 3)
})

test('presence: sync, join and leave between two clients', async () => {
    const topic = unique('lobby').replace(/ /g, '-')
    const a = client()
    const b = client()
    const joins = []
    const leaves = []
    const channelA = a.channel(topic, { config: { presence: { key: 'alice' } } })
        .on('presence', { event: 'join' }, (e) => joins.push(e))
        .on('presence', { event: 'leave' }, (e) => leaves.push(e))
    await subscribed(channelA)
    assert.equal(await channelA.track({ status: 'online' }), 'ok')
    await arrives(joins, (e) => e.key === 'alice')

    const synced = []
    const channelB = b.channel(topic, { config: { presence: { key: 'bob' } } })
        .on('presence', { event: 'sync' }, () => synced.push(channelB.presenceState()))
    await subscribed(channelB)
    const state = await arrives(synced, (s) => s.alice !== undefined)
    assert.equal(state.alice[0].status, 'online')
    assert.ok(state.alice[0].presence_ref)

    assert.equal(await channelB.track({ status: 'away' }), 'ok')
    const bobJoined = await arrives(joins, (e) => e.key === 'bob')
    assert.equal(bobJoined.newPresences[0].status, 'away')
    assert.deepEqual(Object.keys(channelA.presenceState()).sort(), ['alice', 'bob'])

    await b.removeChannel(channelB)
    const bobLeft = await arrives(leaves, (e) => e.key === 'bob')
    assert.equal(bobLeft.leftPresences[0].status, 'away')
    assert.deepEqual(Object.keys(channelA.presenceState()), ['alice'])
})
