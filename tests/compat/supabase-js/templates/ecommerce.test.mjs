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
