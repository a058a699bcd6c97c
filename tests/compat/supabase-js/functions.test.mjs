// SPDX-License-Identifier: GPL-3.0-or-later
// Functions as apps call them with supabase-js: functions.invoke() (Supabase Edge Functions) and rpc() (PostgREST),
// against the functions of compat.basalt.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { FunctionsHttpError } from '@supabase/supabase-js'
import { anonClient, serviceClient, unique, ok, url, anonKey } from './lib.mjs'

const anon = anonClient()
const service = serviceClient()

async function signedIn() {
    const client = anonClient()
    const email = `${unique('fn').replace(/[^a-z0-9-]/gi, '-')}@example.com`.toLowerCase()
    const res = await client.auth.signUp({ email, password: 'correct horse battery staple' })
    assert.equal(res.error, null, JSON.stringify(res.error))
    return { client, email }
}

test('invoke() with a JSON body answers JSON, as the anon role', async () => {
    const { data, error } = await anon.functions.invoke('hello', { body: { name: 'Ada' } })
    assert.equal(error, null)
    assert.deepEqual(data, { message: 'Hello Ada', method: 'POST', role: 'anon', user: null })
})

test('invoke() with another method and no body', async () => {
    const { data, error } = await anon.functions.invoke('hello', { method: 'GET' })
    assert.equal(error, null)
    assert.equal(data.message, 'Hello world')
    assert.equal(data.method, 'GET')
})

test('invoke() with a text body gets the text response back as text', async () => {
    const { data, error } = await anon.functions.invoke('echo_text', { body: 'hi there' })
    assert.equal(error, null)
    assert.equal(data, 'got: hi there')
})

test('invoke() with a binary body: the function gets an ArrayBuffer', async () => {
    const bytes = new Uint8Array([7, 0, 255, 1])
    const { data, error } = await anon.functions.invoke('byte_count', { body: bytes.buffer })
    assert.equal(error, null, String(error))
    assert.deepEqual(data, { bytes: 4, first: 7 })
})

test('invoke() of a function for signed-in users: refused for anon, answered for a user', async () => {
    const refused = await anon.functions.invoke('members_only')
    assert.ok(refused.error instanceof FunctionsHttpError, String(refused.error))
    assert.equal(refused.error.context.status, 401)
    const { client, email } = await signedIn()
    const { data, error } = await client.functions.invoke('members_only')
    assert.equal(error, null)
    assert.equal(data.email, email)
})

test('an HttpError thrown by the function reaches the client with its status and message', async () => {
    const { data, error } = await anon.functions.invoke('teapot', { body: {} })
    assert.equal(data, null)
    assert.ok(error instanceof FunctionsHttpError)
    assert.equal(error.context.status, 418)
    const body = await error.context.json()
    assert.equal(body.message, 'short and stout')
    assert.deepEqual(body.data, { spout: true })
})

test('invoke() of an unknown function is a 404', async () => {
    const { error } = await anon.functions.invoke('no_such_function')
    assert.ok(error instanceof FunctionsHttpError)
    assert.equal(error.context.status, 404)
})

test('the browser preflight allows the headers functions-js sends', async () => {
    const res = await fetch(new URL('/functions/v1/hello', url), {
        method: 'OPTIONS',
        headers: {
            Origin: 'http://localhost:5173',
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'authorization,x-client-info,apikey,content-type,x-region,x-retry-count',
        },
    })
    assert.ok(res.status === 200 || res.status === 204, `status ${res.status}`)
    const allowed = res.headers.get('access-control-allow-headers').toLowerCase()
    for (const header of ['authorization', 'x-client-info', 'apikey', 'content-type', 'x-region', 'x-retry-count'])
        assert.ok(allowed.includes(header), allowed)
})

test('rpc() with named arguments; filters, order and limit apply to the returned rows', async () => {
    const prefix = unique('rpc product')
    const rows = [1, 2, 3, 40].map((price, i) => ({ name: `${prefix} ${i}`, price, stock: 1 }))
    ok(await service.from('products').insert(rows))

    const cheap = ok(await anon.rpc('cheap_products', { max_price: 3 }).like('name', `${prefix}*`))
    assert.deepEqual(cheap.map((r) => r.price), [1, 2, 3])

    const top = ok(await anon.rpc('cheap_products', { max_price: 100 })
        .select('name')
        .like('name', `${prefix}*`)
        .order('price', { ascending: false })
        .limit(2))
    assert.deepEqual(top, [{ name: `${prefix} 3` }, { name: `${prefix} 2` }])

    const counted = await anon.rpc('cheap_products', { max_price: 100 }, { count: 'exact' }).like('name', `${prefix}*`)
    assert.equal(counted.error, null)
    assert.equal(counted.count, 4)

    const one = ok(await anon.rpc('cheap_products', { max_price: 1.5 }).like('name', `${prefix}*`).single())
    assert.equal(one.price, 1)
})

test('rpc() with get: true for a read-only function', async () => {
    const prefix = unique('rpc get')
    ok(await service.from('products').insert([{ name: `${prefix} a`, price: 0.25, stock: 1 }]))
    const rows = ok(await anon.rpc('cheap_products', { max_price: 0.5 }, { get: true }).like('name', `${prefix}*`))
    assert.deepEqual(rows.map((r) => r.name), [`${prefix} a`])
})

test('rpc() of a function that writes, as a signed-in user; errors in PostgREST shape', async () => {
    const { client } = await signedIn()
    const name = unique('rpc tag')
    const added = ok(await client.rpc('add_tag', { name }))
    assert.equal(added.name, name)
    assert.deepEqual(ok(await anon.from('tags').select('name').eq('name', name)), [{ name }])

    const refused = await anon.rpc('add_tag', { name: unique('rpc tag') })
    assert.equal(refused.status, 401)
    assert.ok(refused.error.message.includes('signed-in'), refused.error.message)

    const missing = await anon.rpc('no_such_function', {})
    assert.equal(missing.status, 404)
    assert.ok(missing.error.message.includes('no_such_function'))

    const thrown = await anon.rpc('teapot', {})
    assert.equal(thrown.status, 418)
    assert.equal(thrown.error.message, 'short and stout')
})

test('a custom endpoint answers a plain fetch with the anon key, its path parameter checked', async () => {
    const headers = { apikey: anonKey, Authorization: `Bearer ${anonKey}` }
    const good = await fetch(new URL('/api/products/12/card', url), { headers })
    assert.equal(good.status, 200)
    assert.equal((await good.json()).message, 'Hello world')
    const bad = await fetch(new URL('/api/products/twelve/card', url), { headers })
    assert.equal(bad.status, 400)
    assert.ok((await bad.json()).message.includes('"id"'))
})
