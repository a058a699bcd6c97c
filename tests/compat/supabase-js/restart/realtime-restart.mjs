// SPDX-License-Identifier: GPL-3.0-or-later
// Run by tst_supabasejs (realtimeAfterRestart), not by `node --test`: it prints BASALT:RESTART once subscribed and
// waits for a line on its input while the harness restarts basalt-server on the same port. realtime-js must then
// reconnect on its own, join the channel again (SUBSCRIBED a second time) and receive the changes made after it.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import readline from 'node:readline'
import { anonClient, serviceClient, unique, ok } from '../lib.mjs'

const input = readline.createInterface({ input: process.stdin })
const nextLine = () => new Promise((resolve) => input.once('line', resolve))

async function until(condition, what, timeoutMs = 30000) {
    const deadline = Date.now() + timeoutMs
    while (!condition()) {
        if (Date.now() > deadline)
            throw new Error(`${what}: not within ${timeoutMs} ms`)
        await new Promise((r) => setTimeout(r, 20))
    }
}

const client = anonClient()
after(async () => {
    input.close()
    await client.removeAllChannels()
    client.realtime.disconnect()
})

test('realtime-js reconnects after a server restart, joins again and gets the changes made afterwards', async () => {
    const name = unique('restart').replace(/ /g, '-')
    const statuses = []
    const events = []
    client.channel(name)
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'products', filter: `name=eq.${name}` },
            (payload) => events.push(payload))
        .subscribe((status) => statuses.push(status))
    await until(() => statuses.includes('SUBSCRIBED'), 'the first SUBSCRIBED')
    ok(await serviceClient().from('products').insert({ name, price: 1, stock: 1 }))
    await until(() => events.length === 1, 'the insert before the restart')

    console.log('BASALT:RESTART')
    await nextLine()
    await until(() => statuses.filter((s) => s === 'SUBSCRIBED').length >= 2, 'SUBSCRIBED again after the restart')
    assert.ok(statuses.some((s) => s === 'CHANNEL_ERROR' || s === 'CLOSED' || s === 'TIMED_OUT'),
        `the channel noticed the restart: ${statuses.join(', ')}`)
    ok(await serviceClient().from('products').insert({ name, price: 2, stock: 1 }))
    await until(() => events.length === 2, 'the insert after the restart')
    assert.equal(events[1].new.price, 2)
})
