import { useEffect, useMemo, useState, type FormEvent } from 'react'
import type { QueueResponse } from '../../src-main/core/api/types'
import { clearToken, saveToken, takeTokenFromLocation, userOf } from './session'

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; queue: QueueResponse }

const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 })

export function App() {
  const [token, setToken] = useState(takeTokenFromLocation)
  if (!token) return <SignIn onToken={setToken} />
  return (
    <Queue
      token={token}
      onSignOut={() => {
        clearToken()
        setToken(null)
      }}
    />
  )
}

function SignIn({ onToken }: { onToken: (token: string) => void }) {
  const [value, setValue] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    saveToken(value.trim())
    onToken(value.trim())
  }
  return (
    <main>
      <h1>Sign in to CSM Desk</h1>
      <form onSubmit={submit}>
        <label>
          Access token <input value={value} onChange={(e) => setValue(e.target.value)} required />
        </label>{' '}
        <button type="submit">Sign in</button>
      </form>
    </main>
  )
}

function Queue({ token, onSignOut }: { token: string; onSignOut: () => void }) {
  const user = useMemo(() => userOf(token), [token])
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  useEffect(() => {
    if (!user) return
    fetch(`/api/workflows/queue/${encodeURIComponent(user.sub)}`, { headers: { authorization: `Bearer ${token}` } })
      .then(async (response) => {
        const body = await response.json()
        setLoad(response.ok ? { state: 'ready', queue: body } : { state: 'error', message: body.error.message })
      })
      .catch(() => setLoad({ state: 'error', message: 'The server did not answer. Check that it is running.' }))
  }, [token, user])
  if (!user) return <p role="alert">That token cannot be read.</p>
  return (
    <main>
      <header>
        <h1>Your queue</h1> <span>{user.email}</span>{' '}
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {load.state === 'loading' && <p>Loading your queue…</p>}
      {load.state === 'error' && <p role="alert">{load.message}</p>}
      {load.state === 'ready' && (
        <>
          <p aria-label="Queue stats">
            {load.queue.stats.totalWorkflows} workflows: {load.queue.stats.pending} pending,{' '}
            {load.queue.stats.inProgress} in progress, {load.queue.stats.completedToday} completed today
          </p>
          <table aria-label="Workflow queue">
            <thead>
              <tr>
                <th>Priority</th>
                <th>Customer</th>
                <th>ARR</th>
                <th>Days to renewal</th>
                <th>Stage</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {load.queue.workflows.map((item) => (
                <tr key={item.id}>
                  <td className="num">{item.workflow.priorityScore}</td>
                  <td>{item.customer.name}</td>
                  <td className="num">{money.format(item.customer.arr)}</td>
                  <td className="num">{item.workflow.daysUntilRenewal}</td>
                  <td>{item.workflow.stage}</td>
                  <td>{item.workflow.status.replace('_', ' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  )
}
