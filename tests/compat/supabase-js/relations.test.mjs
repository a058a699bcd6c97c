// SPDX-License-Identifier: GPL-3.0-or-later
// Relationships as apps embed them with supabase-js: a table related to itself (parent by the foreign-key
// column, children by the table name, `table!fk`), embeds by foreign-key column and by constraint name, and
// PostgREST's errors when two relationships fit (PGRST201) or none does (PGRST200).
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { ok, serviceClient, unique } from './lib.mjs'

const db = serviceClient()
let teamA
let teamB
let boss // manages ada and cy; in team A, backup team B
let ada // manages di; in team A
let cy // in team B
let di

before(async () => {
    ;[teamA, teamB] = ok(await db.from('teams').insert([{ name: unique('Team A') }, { name: unique('Team B') }]).select())
    ;[boss] = ok(await db.from('staff').insert({ name: unique('Boss'), team_id: teamA.id, backup_team_id: teamB.id }).select())
    ;[ada, cy] = ok(await db.from('staff').insert([
        { name: unique('Ada'), manager_id: boss.id, team_id: teamA.id },
        { name: unique('Cy'), manager_id: boss.id, team_id: teamB.id },
    ]).select())
    ;[di] = ok(await db.from('staff').insert({ name: unique('Di'), manager_id: ada.id }).select())
})

test('a table related to itself: the parent by its foreign-key column, the children by the table name', async () => {
    const parents = ok(await db.from('staff').select('name, manager:manager_id(name)')
        .in('id', [boss.id, ada.id, di.id]).order('id'))
    assert.deepEqual(parents, [
        { name: boss.name, manager: null },
        { name: ada.name, manager: { name: boss.name } },
        { name: di.name, manager: { name: ada.name } },
    ])
    const children = ok(await db.from('staff').select('name, staff(name)')
        .in('id', [boss.id, cy.id]).order('id').order('id', { referencedTable: 'staff' }))
    assert.deepEqual(children, [
        { name: boss.name, staff: [{ name: ada.name }, { name: cy.name }] },
        { name: cy.name, staff: [] },
    ])
})

test('table!fk names the children through that key, with * and an alias', async () => {
    const [row] = ok(await db.from('staff').select('*, staff!manager_id(name)').eq('id', ada.id))
    assert.deepEqual(row, {
        id: ada.id, name: ada.name, manager_id: boss.id, team_id: teamA.id, backup_team_id: null,
        staff: [{ name: di.name }],
    })
    const reports = ok(await db.from('staff').select('name, reports:staff!manager_id(name)')
        .in('id', [boss.id, di.id]).order('id').order('name', { referencedTable: 'reports', ascending: false }))
    assert.deepEqual(reports, [
        { name: boss.name, reports: [{ name: cy.name }, { name: ada.name }] },
        { name: di.name, reports: [] },
    ])
    const managers = ok(await db.from('staff').select('name, reports:staff!manager_id!inner(name)')
        .in('id', [boss.id, ada.id, cy.id, di.id]).order('id'))
    assert.deepEqual(managers.map((r) => r.name), [boss.name, ada.name])
})

test('an embed named by a foreign-key column or a constraint, and hints that pick one of two keys', async () => {
    const byColumn = ok(await db.from('staff').select('name, team_id(name), backup_team_id(name)').eq('id', boss.id).single())
    assert.deepEqual(byColumn, { name: boss.name, team_id: { name: teamA.name }, backup_team_id: { name: teamB.name } })
    const byConstraint = ok(await db.from('staff').select('name, staff_team_id_fkey(name)').eq('id', boss.id).single())
    assert.deepEqual(byConstraint, { name: boss.name, staff_team_id_fkey: { name: teamA.name } })
    const hinted = ok(await db.from('staff')
        .select('name, home:teams!staff_team_id_fkey(name), backup:teams!backup(name), spare:teams!backup_team_id(name)')
        .eq('id', boss.id).single())
    assert.deepEqual(hinted, {
        name: boss.name, home: { name: teamA.name }, backup: { name: teamB.name }, spare: { name: teamB.name },
    })
    const members = ok(await db.from('teams').select('name, staff!team_id(name), backups:staff!staff_backup_team_id_fkey(name)')
        .eq('id', teamB.id).single())
    assert.deepEqual(members, { name: teamB.name, staff: [{ name: cy.name }], backups: [{ name: boss.name }] })
})

test('two relationships to one table: PGRST201 with the candidates in details and the hints that pick one', async () => {
    const { data, error, status } = await db.from('staff').select('name, teams(name)')
    assert.equal(status, 300)
    assert.equal(data, null)
    assert.equal(error.code, 'PGRST201')
    assert.equal(error.message, "Could not embed because more than one relationship was found for 'staff' and 'teams'")
    assert.deepEqual(error.details, [
        { cardinality: 'many-to-one', embedding: 'staff with teams', relationship: 'staff_team_id_fkey using staff(team_id) and teams(id)' },
        { cardinality: 'many-to-one', embedding: 'staff with teams', relationship: 'backup using staff(backup_team_id) and teams(id)' },
    ])
    assert.equal(error.hint, "Try changing 'teams' to one of the following: 'teams!staff_team_id_fkey', 'teams!backup'. "
        + "Find the desired relationship in the 'details' key.")
    const reverse = await db.from('teams').select('name, staff(name)')
    assert.equal(reverse.status, 300)
    assert.deepEqual(reverse.error.details.map((d) => d.cardinality), ['one-to-many', 'one-to-many'])
    // throwOnError(): the same fields on the PostgrestError the client throws.
    await assert.rejects(async () => await db.from('staff').select('name, teams(name)').throwOnError(), (e) => {
        assert.equal(e.name, 'PostgrestError')
        assert.equal(e.code, 'PGRST201')
        assert.equal(e.details.length, 2)
        assert.match(e.hint, /^Try changing 'teams'/)
        return true
    })
})

test('an embed no relationship leads to: PGRST200', async () => {
    const { data, error, status } = await db.from('staff').select('name, profiles(email)')
    assert.equal(status, 400)
    assert.equal(data, null)
    assert.equal(error.code, 'PGRST200')
    assert.equal(error.message, "Could not find a relationship between 'staff' and 'profiles' in the schema cache")
    assert.equal(error.details, "Searched for a foreign key relationship between 'staff' and 'profiles' in the schema "
        + "'public', but no matches were found.")
    const hinted = await db.from('staff').select('name, teams!nothing(name)')
    assert.equal(hinted.status, 400)
    assert.equal(hinted.error.code, 'PGRST200')
    assert.match(hinted.error.details, /using the hint 'nothing'/)
})
