// SPDX-License-Identifier: GPL-3.0-or-later
// Views, as apps use them with supabase-js: read like a table (select, filters, order, count), rules apply
// to their rows, writes are refused with PostgREST's 405, and embeds go from and into a view through the keys
// its columns show (a base table's foreign key or primary key), as PostgREST infers them.
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

test("a view embeds the table its foreign-key column points at, and that table embeds the view's rows", async () => {
    const [category, empty] = ok(await db.from('categories')
        .insert([{ name: unique('Embed shelf') }, { name: unique('Embed empty') }]).select())
    const name = unique('Embed item')
    ok(await db.from('products').insert([
        { name: `${name} b`, price: 20, category_id: category.id },
        { name: `${name} a`, price: 10, category_id: category.id },
        { name: `${name} hidden`, price: 5, active: false, category_id: category.id },
        { name: `${name} dear`, price: 5000, category_id: category.id },
    ], { defaultToNull: false }))
    const anon = anonClient()
    const cards = ok(await anon.from('product_cards').select('title, categories(name)')
        .eq('category_id', category.id).order('title'))
    assert.deepEqual(cards, [
        { title: `${name} a`, categories: { name: category.name } },
        { title: `${name} b`, categories: { name: category.name } },
    ])
    const hinted = ok(await anon.from('product_cards')
        .select('title, byConstraint:categories!products_category_id_fkey(name), byName:categories!category(name), category_id(name)')
        .eq('title', `${name} a`).single())
    assert.deepEqual(hinted, {
        title: `${name} a`, byConstraint: { name: category.name }, byName: { name: category.name },
        category_id: { name: category.name },
    })
    const spread = ok(await anon.from('product_cards').select('title, ...categories(shelf:name)').eq('title', `${name} b`))
    assert.deepEqual(spread, [{ title: `${name} b`, shelf: category.name }])

    // The view's filter and its own rule apply to the embedded rows: no inactive product, nothing dear for anon.
    const shelf = ok(await anon.from('categories').select('name, product_cards(title, price)')
        .eq('id', category.id).order('title', { referencedTable: 'product_cards' }).single())
    assert.deepEqual(shelf, { name: category.name, product_cards: [{ title: `${name} a`, price: 10 }, { title: `${name} b`, price: 20 }] })
    const all = ok(await db.from('categories').select('product_cards(title)')
        .eq('id', category.id).order('price', { referencedTable: 'product_cards', ascending: false }).single())
    assert.deepEqual(all.product_cards.map((p) => p.title), [`${name} dear`, `${name} b`, `${name} a`])
    const inner = ok(await db.from('categories').select('name, product_cards!inner(title)')
        .in('id', [category.id, empty.id]).eq('product_cards.title', `${name} b`))
    assert.deepEqual(inner, [{ name: category.name, product_cards: [{ title: `${name} b` }] }])
})

test("a view showing its base table's key: the rows that reference it, and embeds from view to view", async () => {
    const [boss] = ok(await db.from('staff').insert({ name: unique('View boss') }).select())
    const [ada, cy] = ok(await db.from('staff').insert([
        { name: unique('View ada'), manager_id: boss.id },
        { name: unique('View cy'), manager_id: boss.id },
    ]).select())
    const reports = ok(await db.from('staff_cards').select('name, reports:staff!manager_id(name)')
        .eq('id', boss.id).order('name', { referencedTable: 'reports' }).single())
    assert.deepEqual(reports, { name: boss.name, reports: [{ name: ada.name }, { name: cy.name }] })
    const manager = ok(await db.from('staff').select('name, manager:staff_cards!manager_id(name)').eq('id', ada.id).single())
    assert.deepEqual(manager, { name: ada.name, manager: { name: boss.name } })
    const viewToView = ok(await db.from('staff_cards').select('name, staff_cards(name), boss:staff!reports_to(name)')
        .in('id', [boss.id, cy.id]).order('id').order('name', { referencedTable: 'staff_cards' }))
    assert.deepEqual(viewToView, [
        { name: boss.name, staff_cards: [{ name: ada.name }, { name: cy.name }], boss: null },
        { name: cy.name, staff_cards: [], boss: { name: boss.name } },
    ])
    const ambiguous = await db.from('staff_cards').select('name, staff(name)')
    assert.equal(ambiguous.status, 300)
    assert.equal(ambiguous.error.code, 'PGRST201')
    assert.deepEqual(ambiguous.error.details.map((d) => d.relationship), [
        'staff_manager_id_fkey using staff_cards(reports_to) and staff(id)',
        'staff_manager_id_fkey using staff_cards(id) and staff(manager_id)',
    ])
    const none = await db.from('product_cards').select('title, staff_cards(name)')
    assert.equal(none.status, 400)
    assert.equal(none.error.code, 'PGRST200')
})
