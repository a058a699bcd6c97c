// SPDX-License-Identifier: GPL-3.0-or-later
// The bundled e-commerce template as a shop's app uses it with supabase-js: a plain sign-up makes a customer,
// who then completes their profile and places an order under the template's own rules.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { anonClient, unique, ok } from '../lib.mjs'

const password = 'correct horse battery staple'

function email(prefix) {
    return `${unique(prefix).replace(/[^a-z0-9-]/gi, '-')}@example.com`.toLowerCase()
}

test('a plain signUp({ email, password }) makes a customer', async () => {
    const client = anonClient()
    const address = email('shopper')
    const { data, error } = await client.auth.signUp({ email: address, password })
    assert.equal(error, null, JSON.stringify(error))
    assert.ok(data.session?.access_token, 'signed in at once')
    assert.equal(data.user.email, address)
    const me = ok(await client.from('customers').select('id, email, full_name, newsletter').single())
    assert.deepEqual(me, { id: data.user.id, email: address, full_name: null, newsletter: false })

    // The name comes later, from the shop's profile page; then an order under customer_id = auth.uid.
    const named = ok(await client.from('customers').update({ full_name: 'Ann Archer' }).eq('id', data.user.id).select('full_name'))
    assert.deepEqual(named, [{ full_name: 'Ann Archer' }])
    const [order] = ok(await client.from('orders').insert({ customer_id: data.user.id, shipping_address: '1 Main St' }).select('customer_id, status'))
    assert.deepEqual(order, { customer_id: data.user.id, status: 'pending' })
})

test('signUp with the name in options.data fills the customer at once', async () => {
    const client = anonClient()
    const address = email('named')
    const res = await client.auth.signUp({ email: address, password, options: { data: { full_name: 'Bea Baker' } } })
    assert.equal(res.error, null, JSON.stringify(res.error))
    assert.deepEqual(ok(await client.from('customers').select('full_name').single()), { full_name: 'Bea Baker' })
})

test('GET /api/products/top lists the best sellers; rpc("top_products") gives the same', async () => {
    const { serviceClient, url, anonKey } = await import('../lib.mjs')
    const admin = serviceClient()
    const tag = unique('top').replace(/[^a-z0-9]/gi, '')
    const [category] = ok(await admin.from('categories').insert({ name: `Cat ${tag}`, slug: `cat-${tag}` }).select('id'))
    const products = ok(await admin.from('products').insert([
        { name: `Best ${tag}`, slug: `best-${tag}`, price: 5, stock: 100, sku: `B-${tag}`, active: true, category_id: category.id },
        { name: `Hidden ${tag}`, slug: `hidden-${tag}`, price: 6, stock: 100, sku: `H-${tag}`, active: false, category_id: category.id },
    ]).select('id, name'))
    const client = anonClient()
    const { data: signedUp } = await client.auth.signUp({ email: email('buyer'), password })
    const [order] = ok(await admin.from('orders').insert({ customer_id: signedUp.user.id, shipping_address: '2 Side St', status: 'paid' }).select('id'))
    ok(await admin.from('order_items').insert([
        { order_id: order.id, product_id: products[0].id, quantity: 900, unit_price: 5 },
        { order_id: order.id, product_id: products[1].id, quantity: 950, unit_price: 6 },
    ]))

    const res = await fetch(new URL('/api/products/top?limit=1', url), { headers: { apikey: anonKey } })
    assert.equal(res.status, 200)
    const top = await res.json()
    // The inactive product sold more, but anon may not see it: the function reads products with the caller's rules.
    assert.deepEqual(top.map((p) => [p.name, p.sold]), [[`Best ${tag}`, 900]])
    const bad = await fetch(new URL('/api/products/top?limit=lots', url), { headers: { apikey: anonKey } })
    assert.equal(bad.status, 400)

    const viaRpc = ok(await anonClient().rpc('top_products', {}, { get: true }).eq('name', `Best ${tag}`))
    assert.deepEqual(viaRpc.map((p) => p.sold), [900])
})

test('a product saved without a slug gets a free one from its name (a before trigger); a name without letters is refused', async () => {
    const { serviceClient } = await import('../lib.mjs')
    const admin = serviceClient()
    const tag = unique('slug').replace(/[^a-z0-9]/gi, '')
    const [made] = ok(await admin.from('products').insert({ name: `Blue Mug ${tag}!`, price: 12.345, stock: 3, sku: `M-${tag}` }).select('slug, price'))
    assert.deepEqual(made, { slug: `blue-mug-${tag.toLowerCase()}`, price: 12.35 })
    // The trigger reads the products (its db runs inside the insert): a second Blue Mug gets the next free slug.
    const [again] = ok(await admin.from('products').insert({ name: `Blue Mug ${tag}`, price: 12, stock: 1, sku: `M2-${tag}` }).select('slug'))
    assert.deepEqual(again, { slug: `blue-mug-${tag.toLowerCase()}-2` })
    const refused = await admin.from('products').insert({ name: '!!!', price: 1, stock: 1, sku: `X-${tag}` })
    assert.equal(refused.status, 422)
    assert.equal(refused.error.message, 'Give the product a slug, or a name with letters or digits')
    assert.deepEqual(ok(await admin.from('products').select('id').eq('sku', `X-${tag}`)), [])
})

test('the hourly schedule\'s function cancels only orders pending for more than a day', async () => {
    const { url, serviceKey, serviceClient } = await import('../lib.mjs')
    const admin = serviceClient()
    const client = anonClient()
    const { data: signedUp } = await client.auth.signUp({ email: email('stale'), password })
    const [fresh] = ok(await admin.from('orders').insert({ customer_id: signedUp.user.id, shipping_address: '3 Lane' }).select('id'))
    // The designer's Run button runs it as the scheduler would.
    const res = await fetch(new URL('/basalt/v1/run/cancel_stale_orders', url), {
        method: 'POST', headers: { apikey: serviceKey, Authorization: `Bearer ${serviceKey}`, 'Content-Type': 'application/json' }, body: '{}',
    })
    assert.equal(res.status, 200)
    const run = await res.json()
    assert.equal(run.status, 200, JSON.stringify(run))
    assert.equal(typeof run.body.cancelled, 'number')
    assert.match(run.console[0].text, /^cancelled \d+ orders left pending since before /)
    assert.deepEqual(ok(await admin.from('orders').select('status').eq('id', fresh.id)), [{ status: 'pending' }])
})
