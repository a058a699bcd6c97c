// SPDX-License-Identifier: GPL-3.0-or-later
// Schemas written for Supabase, as apps use them with supabase-js: a text key given on insert and foreign
// keys to it, a key that is also a one-to-one foreign key (profiles.id → users.id), text[] and integer[] fields.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serviceClient, ok } from './lib.mjs'

const db = serviceClient()
const suffix = `${process.pid}`

test('a text key is given on insert and found by its value', async () => {
    const username = `ann-${suffix}`
    const [author] = ok(await db.from('authors').insert({ username, bio: 'writes' }).select())
    assert.deepEqual(author, { username, bio: 'writes' })
    assert.deepEqual(ok(await db.from('authors').select('bio').eq('username', username).single()), { bio: 'writes' })
    const again = await db.from('authors').insert({ username })
    assert.equal(again.status, 409)
    assert.equal(again.error.code, '23505')
    const missing = await db.from('authors').insert({ bio: 'no key' })
    assert.equal(missing.status, 400)
    assert.equal(missing.error.code, '23502')
})

test('upsert on a text key merges by it', async () => {
    const username = `bob-${suffix}`
    ok(await db.from('authors').insert({ username, bio: 'first' }))
    const merged = ok(await db.from('authors').upsert({ username, bio: 'second' }).select('username, bio'))
    assert.deepEqual(merged, [{ username, bio: 'second' }])
})

test('foreign keys to a text key: insert, embed both ways, refuse an unknown key', async () => {
    const username = `cy-${suffix}`
    ok(await db.from('authors').insert({ username }))
    ok(await db.from('posts').insert([{ author: username, title: 'one' }, { author: username, title: 'two' }]))
    const posts = ok(await db.from('posts').select('title, authors(username)').eq('author', username).order('id'))
    assert.deepEqual(posts, [
        { title: 'one', authors: { username } },
        { title: 'two', authors: { username } },
    ])
    const author = ok(
        await db.from('authors').select('username, posts(title)').eq('username', username).order('id', { referencedTable: 'posts' }).single(),
    )
    assert.deepEqual(author, { username, posts: [{ title: 'one' }, { title: 'two' }] })
    const lost = await db.from('posts').insert({ author: `nobody-${suffix}`, title: 'lost' })
    assert.equal(lost.status, 409)
    assert.equal(lost.error.code, '23503')
})

test('a key that is also a one-to-one foreign key embeds as an object both ways', async () => {
    const [account] = ok(await db.from('accounts').insert({ name: `acct-${suffix}` }).select())
    const [lonely] = ok(await db.from('accounts').insert({ name: `lonely-${suffix}` }).select())
    ok(await db.from('account_settings').insert({ id: account.id, theme: 'dark' }))
    const second = await db.from('account_settings').insert({ id: account.id, theme: 'light' })
    assert.equal(second.error.code, '23505')
    const unknown = await db.from('account_settings').insert({ id: lonely.id + 1000000, theme: 'x' })
    assert.equal(unknown.error.code, '23503')

    const settings = ok(await db.from('account_settings').select('theme, accounts(name)').eq('id', account.id).single())
    assert.deepEqual(settings, { theme: 'dark', accounts: { name: account.name } })
    const accounts = ok(
        await db.from('accounts').select('name, account_settings(theme)').in('id', [account.id, lonely.id]).order('id'),
    )
    assert.deepEqual(accounts, [
        { name: account.name, account_settings: { theme: 'dark' } },
        { name: lonely.name, account_settings: null },
    ])
    ok(await db.from('accounts').delete().eq('id', account.id))
    assert.deepEqual(ok(await db.from('account_settings').select('id').eq('id', account.id)), [])
})

test('array fields are written and read as JSON arrays', async () => {
    const title = `arrays ${suffix}`
    const rows = ok(
        await db
            .from('gallery')
            .insert([
                { title, tags: ['red', 'big, heavy', 'say "hi"'], sizes: [3, 1, 2] },
                { title, tags: ['blue'], sizes: [] },
                { title, tags: null },
            ])
            .select('tags, sizes'),
    )
    assert.deepEqual(rows, [
        { tags: ['red', 'big, heavy', 'say "hi"'], sizes: [3, 1, 2] },
        { tags: ['blue'], sizes: [] },
        { tags: null, sizes: null },
    ])
    const wrong = await db.from('gallery').insert({ title, sizes: ['one'] })
    assert.equal(wrong.status, 400)
    assert.equal(wrong.error.code, '22P02')
    assert.match(wrong.error.message, /sizes/)
})

test('array fields take their default list when a row leaves them out', async () => {
    const title = `defaults ${suffix}`
    const [one] = ok(await db.from('gallery').insert({ title }).select('tags, sizes'))
    assert.deepEqual(one, { tags: ['new', 'a, "b"'], sizes: [] })
    const many = ok(
        await db.from('gallery')
            .insert([{ title, tags: ['x'] }, { title, sizes: [1] }], { defaultToNull: false })
            .select('tags, sizes')
            .order('id'),
    )
    assert.deepEqual(many, [{ tags: ['x'], sizes: [] }, { tags: ['new', 'a, "b"'], sizes: [1] }])
})

test('contains, containedBy and overlaps on array fields', async () => {
    const title = `filters ${suffix}`
    ok(
        await db.from('gallery').insert([
            { title, tags: ['red', 'big, heavy'], sizes: [1, 2, 3] },
            { title, tags: ['blue', 'small'], sizes: [2] },
        ]),
    )
    const gallery = (columns = 'tags') => db.from('gallery').select(columns).eq('title', title).order('id')
    assert.deepEqual(ok(await gallery().contains('tags', ['red'])), [{ tags: ['red', 'big, heavy'] }])
    // postgrest-js joins array values with ',' unquoted (as PostgREST reads them, 'big, heavy' would be two
    // elements): an element with a comma is quoted by hand, PostgreSQL's array syntax.
    assert.deepEqual(ok(await gallery().filter('tags', 'cs', '{"big, heavy"}')), [{ tags: ['red', 'big, heavy'] }])
    assert.deepEqual(ok(await gallery('sizes').contains('sizes', [3, 1])), [{ sizes: [1, 2, 3] }])
    assert.deepEqual(ok(await gallery('sizes').containedBy('sizes', [2, 5])), [{ sizes: [2] }])
    assert.deepEqual(ok(await gallery().containedBy('tags', ['blue', 'small', 'green'])), [{ tags: ['blue', 'small'] }])
    assert.deepEqual(ok(await gallery().overlaps('tags', ['green', 'red'])), [{ tags: ['red', 'big, heavy'] }])
    assert.deepEqual(ok(await gallery('sizes').overlaps('sizes', [2])), [{ sizes: [1, 2, 3] }, { sizes: [2] }])
    assert.deepEqual(ok(await gallery().not('tags', 'ov', '{blue}')), [{ tags: ['red', 'big, heavy'] }])
    assert.deepEqual(ok(await gallery().filter('tags', 'eq', '{blue,small}')), [{ tags: ['blue', 'small'] }])
    ok(await db.from('gallery').update({ tags: ['green'] }).eq('title', title).contains('tags', ['blue']))
    assert.deepEqual(ok(await gallery()), [{ tags: ['red', 'big, heavy'] }, { tags: ['green'] }])
})
