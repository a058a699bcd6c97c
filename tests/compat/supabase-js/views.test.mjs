// SPDX-License-Identifier: GPL-3.0-or-later
// Views, as apps use them with supabase-js: read like a table (select, filters, order, count), rules apply
// to their rows, and writes are refused with PostgREST's 405.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { anonClient, ok, serviceClient, unique } from './lib.mjs'

const db = serviceClient()

test('a view reads like a table: its columns, a related column, eq, order, count', async () => {
    const [category] = ok(await db.from('categories').insert({ name: unique('View shelf') }).select())
    const name = unique('View item')
    ok(await db.from('products').insert([
        { name: `${name} b`, price: 20, category_id: category.id },
        { name: `${name} a`, price: 10, category_id: category.id },
        { name: `${name} hidden`, price: 5, active: false, category_id: category.id },
    ], { defaultToNull: false }))
    const { data, count, status } = await anonClient().from('product_cards')
        .select('title, price, category', { count: 'exact' })
        .eq('category', category.name)
        .order('title')
    assert.equal(status, 200)
    assert.equal(count, 2)
    assert.deepEqual(data, [
        { title: `${name} a`, price: 10, category: category.name },
        { title: `${name} b`, price: 20, category: category.name },
    ])
    const one = ok(await anonClient().from('product_cards').select('title').eq('title', `${name} b`).single())
    assert.deepEqual(one, { title: `${name} b` })
})

test("the view's select rule applies to its rows", async () => {
    const name = unique('View dear')
    ok(await db.from('products').insert({ name, price: 5000 }))
    assert.deepEqual(ok(await anonClient().from('product_cards').select('title').eq('title', name)), [])
    assert.deepEqual(ok(await db.from('product_cards').select('title').eq('title', name)), [{ title: name }])
})

test('writes to a view are refused with 405 and nothing is written', async () => {
    const name = unique('View insert')
    for (const client of [anonClient(), db]) {
        const inserted = await client.from('product_cards').insert({ title: name, price: 1 })
        assert.equal(inserted.status, 405)
        assert.equal(inserted.error.code, 'PGRST117')
        const updated = await client.from('product_cards').update({ price: 2 }).eq('title', name)
        assert.equal(updated.status, 405)
    }
    assert.deepEqual(ok(await db.from('products').select('id').eq('name', name)), [])
})
