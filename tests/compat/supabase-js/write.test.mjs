// SPDX-License-Identifier: GPL-3.0-or-later
// Writes as apps make them with supabase-js: insert, upsert, update, delete, rollback() and maxAffected().
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serviceClient, unique, ok } from './lib.mjs'

const db = serviceClient()

async function tagNamed(name) {
    return ok(await db.from('tags').select('id, name').eq('name', name))
}

test('insert of one row answers 201, with the row when select() asks for it', async () => {
    const name = unique('tag one')
    const plain = await db.from('tags').insert({ name })
    assert.equal(plain.error, null)
    assert.equal(plain.status, 201)
    assert.equal(plain.data, null)
    const name2 = unique('tag one')
    const shown = await db.from('tags').insert({ name: name2 }).select()
    assert.equal(shown.status, 201)
    assert.deepEqual(shown.data.map((r) => r.name), [name2])
})

test('insert of many rows (the client quotes columns="name")', async () => {
    const names = [unique('tag many'), unique('tag many'), unique('tag many')]
    const res = await db.from('tags').insert(names.map((name) => ({ name }))).select('name')
    assert.equal(res.error, null, JSON.stringify(res.error))
    assert.equal(res.status, 201)
    assert.deepEqual(res.data.map((r) => r.name).sort(), [...names].sort())
})

test('insert of many rows with different keys: defaultToNull false fills defaults', async () => {
    const a = unique('product defaults')
    const b = unique('product defaults')
    const res = await db
        .from('products')
        .insert([{ name: a, price: 1, stock: 5 }, { name: b, price: 2 }], { defaultToNull: false })
        .select('name, stock, active')
        .order('name')
    assert.equal(res.error, null, JSON.stringify(res.error))
    assert.deepEqual(res.data, [
        { name: a, stock: 5, active: true },
        { name: b, stock: 0, active: true },
    ])
})

test('insert of many rows with different keys: a key one row leaves out is null, as PostgREST writes it', async () => {
    const a = unique('product nulls')
    const b = unique('product nulls')
    const res = await db
        .from('products')
        .insert([{ name: a, price: 1, description: 'first' }, { name: b, description: 'second' }])
        .select('name, price, description, stock')
        .order('name')
    assert.equal(res.error, null, JSON.stringify(res.error))
    assert.deepEqual(res.data, [
        { name: a, price: 1, description: 'first', stock: 0 },
        { name: b, price: null, description: 'second', stock: 0 },
    ])
    // A required field left out of one row is null there too, and the database refuses it (no row written).
    const refused = await db.from('products').insert([{ name: unique('stocked'), stock: 3 }, { name: unique('unstocked') }])
    assert.equal(refused.status, 400)
    assert.equal(refused.error.code, '23502')
    assert.match(refused.error.message, /stock/)
})

test('insert with count exact reports the rows written', async () => {
    const res = await db.from('tags').insert([{ name: unique('counted') }, { name: unique('counted') }], { count: 'exact' })
    assert.equal(res.error, null, JSON.stringify(res.error))
    assert.equal(res.count, 2)
})

test('upsert merges on the primary key and on a unique column (onConflict)', async () => {
    const name = unique('category upsert')
    const [created] = ok(await db.from('categories').insert({ name, slug: 'first' }).select())
    const byKey = await db.from('categories').upsert({ id: created.id, name, slug: 'second' }).select()
    assert.equal(byKey.error, null, JSON.stringify(byKey.error))
    assert.equal(byKey.status, 200, 'an upsert that only updates answers 200')
    assert.deepEqual(byKey.data.map((r) => [r.id, r.slug]), [[created.id, 'second']])
    const byName = await db.from('categories').upsert({ name, slug: 'third' }, { onConflict: 'name' }).select()
    assert.equal(byName.error, null, JSON.stringify(byName.error))
    assert.deepEqual(byName.data.map((r) => [r.id, r.slug]), [[created.id, 'third']])
    const rows = ok(await db.from('categories').select('slug').eq('name', name))
    assert.deepEqual(rows, [{ slug: 'third' }])
    const mixed = await db.from('categories').upsert([{ name, slug: 'fourth' }, { name: unique('category new'), slug: 'new' }], { onConflict: 'name' })
    assert.equal(mixed.status, 201, 'an upsert that inserts a row answers 201')
})

test('the service role may give a generated key a value, and the generator moves past it', async () => {
    const high = 900000 + (process.pid % 1000) * 10
    const name = unique('explicit key')
    const explicit = await db.from('tags').insert({ id: high, name }).select('id')
    assert.equal(explicit.error, null, JSON.stringify(explicit.error))
    assert.deepEqual(explicit.data, [{ id: high }])
    const [next] = ok(await db.from('tags').insert({ name: unique('after explicit key') }).select('id'))
    assert.ok(next.id > high, `the next generated key (${next.id}) must come after ${high}`)
})

test('upsert with ignoreDuplicates keeps the existing row and inserts the new one', async () => {
    const kept = unique('category ignore')
    const added = unique('category ignore')
    ok(await db.from('categories').insert({ name: kept, slug: 'kept' }))
    const res = await db
        .from('categories')
        .upsert([{ name: kept, slug: 'changed' }, { name: added, slug: 'new' }], { onConflict: 'name', ignoreDuplicates: true })
        .select('name, slug')
    assert.equal(res.error, null, JSON.stringify(res.error))
    assert.deepEqual(res.data, [{ name: added, slug: 'new' }])
    assert.deepEqual(ok(await db.from('categories').select('slug').eq('name', kept)), [{ slug: 'kept' }])
})

test('update changes the filtered rows and returns them with select()', async () => {
    const prefix = unique('update')
    ok(await db.from('products').insert([{ name: `${prefix} a`, price: 1 }, { name: `${prefix} b`, price: 2 }, { name: `${prefix} c`, price: 3 }]))
    const res = await db.from('products').update({ stock: 7 }, { count: 'exact' }).like('name', `${prefix}%`).lt('price', 3).select('name, stock').order('name')
    assert.equal(res.error, null, JSON.stringify(res.error))
    assert.equal(res.status, 200)
    assert.equal(res.count, 2)
    assert.deepEqual(res.data, [{ name: `${prefix} a`, stock: 7 }, { name: `${prefix} b`, stock: 7 }])
    const plain = await db.from('products').update({ stock: 8 }).eq('name', `${prefix} c`)
    assert.equal(plain.status, 204)
    assert.deepEqual(ok(await db.from('products').select('stock').eq('name', `${prefix} c`)), [{ stock: 8 }])
})

test('delete removes the filtered rows', async () => {
    const name = unique('delete me')
    ok(await db.from('tags').insert({ name }))
    const res = await db.from('tags').delete({ count: 'exact' }).eq('name', name).select('name')
    assert.equal(res.error, null, JSON.stringify(res.error))
    assert.equal(res.count, 1)
    assert.deepEqual(res.data, [{ name }])
    assert.deepEqual(await tagNamed(name), [])
    const none = await db.from('tags').delete().eq('name', name)
    assert.equal(none.status, 204)
})

test('rollback(): the response shows the write and the database keeps nothing', async () => {
    const name = unique('rolled back')
    const inserted = await db.from('tags').insert({ name }).select('name').rollback()
    assert.equal(inserted.error, null, JSON.stringify(inserted.error))
    assert.equal(inserted.status, 201)
    assert.deepEqual(inserted.data, [{ name }])
    assert.deepEqual(await tagNamed(name), [], 'a rolled-back insert must leave no row')

    ok(await db.from('tags').insert({ name }))
    const updated = await db.from('tags').update({ name: `${name} changed` }).eq('name', name).select('name').rollback()
    assert.deepEqual(updated.data, [{ name: `${name} changed` }])
    assert.equal((await tagNamed(name)).length, 1, 'a rolled-back update must change nothing')

    const deleted = await db.from('tags').delete().eq('name', name).select('name').rollback()
    assert.deepEqual(deleted.data, [{ name }])
    assert.equal((await tagNamed(name)).length, 1, 'a rolled-back delete must delete nothing')
})

test('maxAffected(): a write over the limit fails with PGRST124 and changes nothing', async () => {
    const prefix = unique('max affected')
    ok(await db.from('products').insert([{ name: `${prefix} a`, price: 1 }, { name: `${prefix} b`, price: 1 }]))
    const over = await db.from('products').update({ stock: 3 }).like('name', `${prefix}%`).maxAffected(1)
    assert.equal(over.status, 400)
    assert.equal(over.error?.code, 'PGRST124')
    assert.equal(over.error?.message, 'Query result exceeds max-affected preference constraint')
    assert.equal(over.error?.details, 'The query affects 2 rows')
    assert.deepEqual(ok(await db.from('products').select('stock').like('name', `${prefix}%`)), [{ stock: 0 }, { stock: 0 }])
    const within = await db.from('products').update({ stock: 4 }).like('name', `${prefix}%`).maxAffected(2)
    assert.equal(within.error, null, JSON.stringify(within.error))
    const removed = await db.from('products').delete().like('name', `${prefix}%`).maxAffected(1)
    assert.equal(removed.error?.code, 'PGRST124')
    assert.equal(ok(await db.from('products').select('id').like('name', `${prefix}%`)).length, 2)
})

test('a unique violation is a PostgrestError with the SQLSTATE and the write changes nothing', async () => {
    const name = unique('duplicate')
    ok(await db.from('tags').insert({ name }))
    const first = unique('duplicate')
    const res = await db.from('tags').insert([{ name: first }, { name }])
    assert.equal(res.status, 409)
    assert.equal(res.error?.code, '23505')
    assert.equal(typeof res.error?.message, 'string')
    assert.deepEqual(await tagNamed(first), [], 'the rows before the failing one must not be kept')
})

test('throwOnError() throws the PostgrestError', async () => {
    await assert.rejects(
        async () => db.from('no_such_table').select().throwOnError(),
        (error) => error.name === 'PostgrestError' && error.code === 'PGRST205',
    )
})
