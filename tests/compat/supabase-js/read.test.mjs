// SPDX-License-Identifier: GPL-3.0-or-later
// Reads as apps make them with supabase-js: every filter builder method Basalt offers, with values that
// need encoding, ordering, paging, single rows, CSV, counts and embedded resources.
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { serviceClient, anonClient, unique, ok, trickyValues, engine } from './lib.mjs'

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
        attrs: i % 2 === 0 ? { colour: i % 4 === 0 ? 'red' : 'blue', sizes: [i, i + 1], tags: ['tricky', `n${i}`] } : null,
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
    assert.equal(ok(await products().notIn('name', ['a, b', 'paren (round) value', 'say "hi"'])).length,
        trickyValues.length - 3)
    assert.deepEqual(ok(await products().eq('name', 'a, b').returns()), [{ name: 'a, b' }])
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

test('textSearch in its four forms, with and without a configuration', async () => {
    const names = async (query) => ok(await query.order('price')).map((r) => r.name)
    assert.deepEqual(await names(products().textSearch('name', "'books' & 'media'")), ['Books & Media'])
    assert.deepEqual(await names(products().textSearch('name', 'star & !round')), ['star*value'])
    assert.deepEqual(await names(products().textSearch('name', 'media books', { type: 'plain' })), ['Books & Media'])
    assert.deepEqual(await names(products().textSearch('name', 'round value', { type: 'phrase', config: 'english' })),
        ['paren (round) value'])
    assert.deepEqual(await names(products().textSearch('name', 'value round', { type: 'phrase' })), [])
    assert.deepEqual(await names(products().textSearch('name', '"paren round" or emoji -books', { type: 'websearch' })),
        ['paren (round) value', 'emoji 🎉👍🏽'])
    assert.deepEqual(await names(products().textSearch('name', 'book:*', { config: 'simple' })), ['Books & Media'])
    assert.deepEqual(await names(products().not('name', 'fts', 'value').ilike('name', 'paren%')), [])
    const bad = await products().textSearch('name', 'books media')
    assert.equal(bad.status, 400)
    assert.equal(bad.error.code, 'PGRST100')
    assert.match(bad.error.message, /syntax error in tsquery/)
    const notText = await products().textSearch('price', 'books')
    assert.equal(notText.status, 400)
    assert.match(notText.error.message, /full-text search applies to text fields/)
})

test('spreads and aggregates in select', async () => {
    const rows = ok(await products('name, ...categories(category:name, slug)').eq('name', 'a, b'))
    assert.deepEqual(rows, [{ name: 'a, b', category: category.name, slug: 'read' }])
    const [totals] = ok(await db.from('products').select('count(), stock.sum(), top:price.max()').eq('category_id', category.id))
    assert.deepEqual(totals, { count: trickyValues.length, sum: 91, top: 13.5 })
    const groups = ok(await db.from('products').select('active, count()').eq('category_id', category.id).order('active'))
    assert.deepEqual(groups, [{ active: false, count: 7 }, { active: true, count: 7 }])
    const counted = await db.from('products').select('active, count()', { count: 'exact', head: true }).eq('category_id', category.id)
    assert.equal(counted.count, 2)
    const many = await db.from('categories').select('name, ...products(name)').eq('id', category.id)
    assert.equal(many.status, 400)
    assert.equal(many.error.code, 'PGRST119')
})

test('isDistinct treats null as a value', async () => {
    // Rows whose description is null are distinct from any text (PostgREST: isdistinct.null compares
    // with the text 'null', as here).
    assert.equal(ok(await products().isDistinct('description', 'about a, b')).length, trickyValues.length - 1)
    assert.equal(ok(await products().isDistinct('stock', 3)).length, trickyValues.length - 1)
})

test('likeAnyOf, likeAllOf, ilikeAnyOf, ilikeAllOf', async () => {
    assert.deepEqual(ok(await products().likeAnyOf('name', ['Books%', '%(round)%']).order('price')),
        [{ name: 'Books & Media' }, { name: 'paren (round) value' }])
    assert.deepEqual(ok(await products().likeAllOf('name', ['%o%', '%a%', 'B%'])), [{ name: 'Books & Media' }])
    assert.deepEqual(ok(await products().ilikeAnyOf('name', ['books%', 'SAY%']).order('price')),
        [{ name: 'Books & Media' }, { name: 'say "hi"' }])
    assert.deepEqual(ok(await products().ilikeAllOf('name', ['%BOOK%', '%media'])), [{ name: 'Books & Media' }])
    assert.deepEqual(ok(await products().filter('stock', 'eq(any)', '{1,2}').order('stock')).length, 2)
    assert.deepEqual(ok(await products().filter('stock', 'gt(all)', '{10,11}').order('stock')).map((r) => r.name),
        trickyValues.slice(12))
})

test('regexMatch and regexIMatch', async () => {
    assert.deepEqual(ok(await products().regexMatch('name', '^Books')), [{ name: 'Books & Media' }])
    assert.deepEqual(ok(await products().regexMatch('name', '^books')), [])
    assert.deepEqual(ok(await products().regexIMatch('name', '^books')), [{ name: 'Books & Media' }])
    assert.deepEqual(ok(await products().regexMatch('name', '\\(round\\)')), [{ name: 'paren (round) value' }])
    assert.deepEqual(ok(await products().regexMatch('name', '^[0-9]\\+[0-9]=[0-9]$')), [{ name: '1+1=2' }])
    assert.deepEqual(ok(await products().regexMatch('name', '🎉')), [{ name: 'emoji 🎉👍🏽' }])
    assert.equal(ok(await products().not('name', 'match', '[a-z]')).length, 2) // 日本語 and 1+1=2
    const bad = await products().regexMatch('name', '(unclosed')
    assert.equal(bad.status, 400)
    assert.equal(bad.error.code, 'PGRST100')
    assert.match(bad.error.message, /regular expression/)
})

test('a catastrophic regular expression is answered, never left to hang the request', async () => {
    const [group] = ok(await db.from('categories').insert({ name: unique('regex'), slug: 'regex' }).select())
    const rows = Array.from({ length: 200 }, (_, i) => ({ name: `${'a'.repeat(28)}b${i}`, category_id: group.id }))
    ok(await db.from('products').insert(rows))
    for (const pattern of ['^(a+)+$', '^(a*)*$', '(a|aa)+$']) {
        const res = await db.from('products').select('id').eq('category_id', group.id).regexMatch('name', pattern)
        // Either the right answer (nothing matches) or a clear refusal once matching took too long.
        if (res.status === 200)
            assert.deepEqual(res.data, [], pattern)
        else {
            assert.equal(res.status, 400, pattern)
            assert.equal(res.error.code, 'PGRST100')
            assert.match(res.error.message, /regular expression takes too long/)
        }
    }
})

test('contains, containedBy and overlaps on a JSON field', async () => {
    const names = (rows) => rows.map((r) => r.name)
    const even = trickyValues.filter((_, i) => i % 2 === 0)
    assert.deepEqual(names(ok(await products().contains('attrs', { colour: 'red' }).order('price'))),
        trickyValues.filter((_, i) => i % 4 === 0))
    assert.deepEqual(names(ok(await products().contains('attrs', { tags: ['tricky'] }).order('price'))), even)
    assert.deepEqual(names(ok(await products().contains('attrs', { sizes: [2, 3], colour: 'blue' }))), [trickyValues[2]])
    assert.deepEqual(names(ok(await products().containedBy('attrs', { colour: 'red', sizes: [0, 1], tags: ['tricky', 'n0'], extra: 1 }))),
        [trickyValues[0]])
    assert.deepEqual(ok(await products().contains('attrs', '{"colour":"green"}')), [])
    const [withList] = ok(await db.from('products').insert({ name: unique('json list'), category_id: otherCategory.id, attrs: ['a b', 'c,d', 3] }).select('id'))
    const lists = db.from('products').select('id').eq('category_id', otherCategory.id)
    assert.deepEqual(ok(await lists.contains('attrs', ['a b', 3])), [{ id: withList.id }])
    assert.deepEqual(ok(await db.from('products').select('id').eq('category_id', otherCategory.id).overlaps('attrs', ['x', 'a b'])), [{ id: withList.id }])
    assert.deepEqual(ok(await db.from('products').select('id').eq('category_id', otherCategory.id).overlaps('attrs', ['x'])), [])
    // not. of cs, cd and ov leaves rows whose field is null out, as PostgreSQL's NOT of a NULL does.
    const blue = trickyValues.filter((_, i) => i % 4 === 2)
    assert.deepEqual(names(ok(await products().not('attrs', 'cs', '{"colour":"red"}').order('price'))), blue)
    assert.deepEqual(names(ok(await products().not('attrs', 'cd', '{"colour":"red"}').order('price'))), even)
    assert.deepEqual(names(ok(await products().not('attrs->tags', 'ov', '["n2","n6"]').order('price'))),
        even.filter((name) => name !== trickyValues[2] && name !== trickyValues[6]))
    const wrongType = await products().contains('name', ['a'])
    assert.equal(wrongType.status, 400)
    assert.equal(wrongType.error.code, 'PGRST100')
})

test('JSON paths and casts in select, filters and order', async () => {
    const rows = ok(await products('name, colour:attrs->>colour, attrs->sizes, first:attrs->sizes->0, stock::text')
        .eq('name', 'Books & Media'))
    assert.deepEqual(rows, [{ name: 'Books & Media', colour: 'red', sizes: [0, 1], first: 0, stock: '0' }])
    assert.deepEqual(ok(await products('attrs->>colour, attrs->tags->1').eq('name', 'Books & Media')),
        [{ colour: 'red', tags: 'n0' }], 'a path is named after its last key')
    const red = trickyValues.filter((_, i) => i % 4 === 0)
    assert.deepEqual(ok(await products().eq('attrs->>colour', 'red').order('price')).map((r) => r.name), red)
    assert.deepEqual(ok(await products().eq('attrs->sizes->0', 2)), [{ name: trickyValues[2] }])
    assert.equal(ok(await products().isDistinct('attrs->sizes->0', 2)).length, trickyValues.length - 1)
    assert.deepEqual(ok(await products().or('attrs->>colour.eq.blue,name.eq.日本語').order('price')).map((r) => r.name),
        trickyValues.filter((_, i) => i % 4 === 2 || trickyValues[i] === '日本語'))
    const last = ok(await products().not('attrs', 'is', null).order('attrs->sizes->0', { ascending: false }).limit(1))
    assert.deepEqual(last, [{ name: trickyValues[trickyValues.length % 2 === 0 ? trickyValues.length - 2 : trickyValues.length - 1] }])
    const wrong = await products('name->>x')
    assert.equal(wrong.status, 400)
    assert.equal(wrong.error.code, 'PGRST100')
    const unknownCast = await products('name::color')
    assert.equal(unknownCast.status, 400)
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

test('count estimated counts a few rows exactly; planned is the engine\'s estimate (exact on SQLite)', async () => {
    const estimated = await db.from('products').select('*', { count: 'estimated', head: true }).eq('category_id', category.id)
    assert.equal(estimated.error, null)
    assert.equal(estimated.count, trickyValues.length)
    const planned = await db.from('products').select('*', { count: 'planned', head: true }).eq('category_id', category.id)
    assert.equal(planned.error, null)
    assert.ok(Number.isInteger(planned.count) && planned.count >= 0, `planned count ${planned.count}`)
    if (engine !== 'postgresql') assert.equal(planned.count, trickyValues.length)
})

test('stripNulls() leaves null fields out, in lists, single objects and embeds', async () => {
    const rows = ok(await products('name, description, category:categories(name, slug)').eq('name', 'Books & Media').stripNulls())
    assert.deepEqual(rows, [{ name: 'Books & Media', category: { name: category.name, slug: 'read' } }])
    const one = ok(await products('name, description').eq('name', 'Books & Media').single().stripNulls())
    assert.deepEqual(one, { name: 'Books & Media' })
    const written = ok(await db.from('tags').insert({ name: unique('stripped') }).select('id, name').stripNulls())
    assert.equal(written.length, 1)
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
