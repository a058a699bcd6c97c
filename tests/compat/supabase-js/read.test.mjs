// SPDX-License-Identifier: GPL-3.0-or-later
// Reads as apps make them with supabase-js: every filter builder method Basalt offers, with values that
// need encoding, ordering, paging, single rows, CSV, counts and embedded resources.
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { serviceClient, anonClient, unique, ok, trickyValues } from './lib.mjs'

const db = serviceClient()
let category // every product of this file is in it, so other files' rows never interfere
let otherCategory

before(async () => {
    ;[category] = ok(await db.from('categories').insert({ name: unique('read'), slug: 'read' }).select())
    ;[otherCategory] = ok(await db.from('categories').insert({ name: unique('read other'), slug: 'other' }).select())
    const rows = trickyValues.map((name, i) => ({
        name,
        price: i + 0.5,
        stock: i,
        active: i % 2 === 0,
        description: i % 3 === 0 ? null : `about ${name}`,
        released: `2026-01-${String(i + 1).padStart(2, '0')}`,
        category_id: category.id,
    }))
    ok(await db.from('products').insert(rows))
    ok(await db.from('products').insert({ name: 'Books & Media', price: 99, category_id: otherCategory.id }))
})

function products(columns = 'name') {
    return db.from('products').select(columns).eq('category_id', category.id)
}

test('eq matches each value exactly, whatever characters it has', async () => {
    for (const value of trickyValues) {
        const rows = ok(await products().eq('name', value))
        assert.deepEqual(rows, [{ name: value }], `eq(${JSON.stringify(value)})`)
    }
})

test('neq, gt, gte, lt, lte compare', async () => {
    assert.equal(ok(await products().neq('name', 'Books & Media')).length, trickyValues.length - 1)
    assert.deepEqual(ok(await products().gt('price', trickyValues.length - 1.5)), [{ name: trickyValues.at(-1) }])
    assert.equal(ok(await products().gte('price', 1.5)).length, trickyValues.length - 1)
    assert.deepEqual(ok(await products().lt('price', 1)), [{ name: trickyValues[0] }])
    assert.equal(ok(await products().lte('price', 1.5)).length, 2)
    assert.equal(ok(await products().gte('released', '2026-01-03').lt('released', '2026-01-05')).length, 2)
})

test('like and ilike take % and * as wildcards and match the other characters literally', async () => {
    assert.deepEqual(ok(await products().like('name', '%& Media')), [{ name: 'Books & Media' }])
    assert.deepEqual(ok(await products().like('name', 'Books*')), [{ name: 'Books & Media' }])
    assert.deepEqual(ok(await products().ilike('name', '%MEDIA%')), [{ name: 'Books & Media' }])
    assert.deepEqual(ok(await products().ilike('name', 'say "HI"')), [{ name: 'say "hi"' }])
    assert.deepEqual(ok(await products().like('name', '%(round)%')), [{ name: 'paren (round) value' }])
    assert.deepEqual(ok(await products().like('name', '%🎉%')), [{ name: 'emoji 🎉👍🏽' }])
    assert.deepEqual(ok(await products().like('name', '1+1%')), [{ name: '1+1=2' }])
})

test('in matches a list of values, the client quoting those with , ( )', async () => {
    const rows = ok(await products().in('name', trickyValues).order('price'))
    assert.deepEqual(rows.map((r) => r.name), trickyValues)
    assert.deepEqual(ok(await products().in('name', ['a, b', 'paren (round) value', 'nothing']).order('price')),
        [{ name: 'a, b' }, { name: 'paren (round) value' }])
    assert.deepEqual(ok(await products().in('stock', [1, 3])).length, 2)
    assert.equal(ok(await products().not('name', 'in', '("a, b",it\'s)')).length, trickyValues.length - 2)
})

test('is, not and match', async () => {
    const nulls = trickyValues.filter((_, i) => i % 3 === 0)
    assert.deepEqual(ok(await products().is('description', null).order('price')).map((r) => r.name), nulls)
    assert.equal(ok(await products().not('description', 'is', null)).length, trickyValues.length - nulls.length)
    assert.equal(ok(await products().is('active', true)).length, Math.ceil(trickyValues.length / 2))
    assert.deepEqual(ok(await products().not('name', 'eq', 'Books & Media').eq('price', 1.5)), [{ name: 'a, b' }])
    assert.deepEqual(ok(await db.from('products').select('name').match({ name: 'say "hi"', category_id: category.id })),
        [{ name: 'say "hi"' }])
})

test('or and filter, with quoted values inside the logic tree', async () => {
    const rows = ok(await products().or('price.lt.1,name.eq."a, b",name.eq."paren (round) value"').order('price'))
    assert.deepEqual(rows.map((r) => r.name), ['Books & Media', 'a, b', 'paren (round) value'])
    const nested = ok(await products().or('and(stock.gte.2,stock.lte.3),name.eq.日本語').order('price'))
    assert.deepEqual(nested.map((r) => r.name), [trickyValues[2], trickyValues[3], '日本語'])
    assert.deepEqual(ok(await products().filter('name', 'eq', '1+1=2')), [{ name: '1+1=2' }])
    assert.deepEqual(ok(await products().filter('stock', 'in', '(0,1)').order('stock')).length, 2)
})

test('order, limit and range page through the rows', async () => {
    const desc = ok(await products('name, price').order('price', { ascending: false }).limit(2))
    assert.deepEqual(desc.map((r) => r.name), [trickyValues.at(-1), trickyValues.at(-2)])
    const page = ok(await products().order('price').range(2, 4))
    assert.deepEqual(page.map((r) => r.name), trickyValues.slice(2, 5))
    const nullsFirst = ok(await products('description').order('description', { nullsFirst: true }).limit(1))
    assert.deepEqual(nullsFirst, [{ description: null }])
    const nullsLast = ok(await products('description').order('description', { ascending: false, nullsFirst: false }).limit(1))
    assert.notEqual(nullsLast[0].description, null)
    const twoKeys = ok(await products('active, price').order('active').order('price', { ascending: false }).limit(1))
    const lastInactive = trickyValues.length % 2 === 0 ? trickyValues.length - 1 : trickyValues.length - 2
    assert.deepEqual(twoKeys, [{ active: false, price: lastInactive + 0.5 }])
})

test('single, maybeSingle and their errors', async () => {
    const one = await products().eq('name', 'a, b').single()
    assert.equal(one.error, null)
    assert.deepEqual(one.data, { name: 'a, b' })
    const none = await products().eq('name', 'nothing at all').maybeSingle()
    assert.equal(none.error, null)
    assert.equal(none.data, null)
    const many = await products().single()
    assert.equal(many.status, 406)
    assert.equal(many.error.code, 'PGRST116')
    assert.equal(many.error.message, 'Cannot coerce the result to a single JSON object')
    assert.equal(many.error.details, `The result contains ${trickyValues.length} rows`)
    const zero = await products().eq('name', 'nothing at all').single()
    assert.equal(zero.error.code, 'PGRST116')
    assert.equal(zero.error.details, 'The result contains 0 rows')
})

test('csv() returns the rows as CSV text', async () => {
    const res = await products('name, stock').in('name', ['a, b', 'say "hi"']).order('stock').csv()
    assert.equal(res.error, null)
    assert.equal(typeof res.data, 'string')
    const lines = res.data.trim().split('\n')
    assert.equal(lines[0], 'name,stock')
    assert.deepEqual(lines.slice(1), ['"a, b",1', '"say ""hi""",4'])
})

test('count exact with head returns the number of rows and no data', async () => {
    const res = await db.from('products').select('*', { count: 'exact', head: true }).eq('category_id', category.id)
    assert.equal(res.error, null)
    assert.equal(res.count, trickyValues.length)
    assert.equal(res.data, null)
    const paged = await db.from('products').select('name', { count: 'exact' }).eq('category_id', category.id).range(0, 1)
    assert.equal(paged.count, trickyValues.length)
    assert.equal(paged.data.length, 2)
    assert.equal(paged.status, 206)
})

test('embedded resources: many-to-one, one-to-many with its own filters, order and limit', async () => {
    const rows = ok(await db.from('products').select('name, category:categories(name)').eq('name', 'a, b'))
    assert.deepEqual(rows, [{ name: 'a, b', category: { name: category.name } }])
    const cats = ok(await db.from('categories')
        .select('name, products(name, price)')
        .eq('id', category.id)
        .order('price', { referencedTable: 'products', ascending: false })
        .limit(2, { referencedTable: 'products' }))
    assert.deepEqual(cats, [{ name: category.name, products: [
        { name: trickyValues.at(-1), price: trickyValues.length - 0.5 },
        { name: trickyValues.at(-2), price: trickyValues.length - 1.5 },
    ] }])
    const inner = ok(await db.from('categories').select('name, products!inner(name)').eq('products.name', 'Books & Media').in('id', [category.id, otherCategory.id]).order('name'))
    assert.equal(inner.length, 2)
    const filtered = ok(await db.from('categories').select('name, products(name)').eq('id', category.id).or('name.eq.日本語,name.eq.it\'s', { referencedTable: 'products' }))
    assert.deepEqual(filtered[0].products.map((p) => p.name).sort(), ['it\'s', '日本語'].sort())
})

test('many-to-many through the junction table', async () => {
    const [product] = ok(await db.from('products').select('id').eq('name', 'dot.ted.value').eq('category_id', category.id))
    const [tag] = ok(await db.from('tags').insert({ name: unique('m2m') }).select())
    ok(await db.from('product_tags').insert({ product_id: product.id, tag_id: tag.id }))
    const rows = ok(await db.from('products').select('name, tags(name)').eq('id', product.id))
    assert.deepEqual(rows, [{ name: 'dot.ted.value', tags: [{ name: tag.name }] }])
})

test('the anon key reads what the rules let it read, and errors name the problem', async () => {
    const anon = anonClient()
    assert.equal(ok(await anon.from('products').select('id').eq('category_id', category.id)).length, trickyValues.length)
    const notes = await anon.from('notes').select()
    assert.equal(notes.status, 401)
    assert.equal(notes.error.code, '42501')
    const missing = await anon.from('products').select('nope')
    assert.equal(missing.status, 400)
    assert.equal(missing.error.code, '42703')
})
