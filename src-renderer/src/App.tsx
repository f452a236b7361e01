import { useEffect, useState } from 'react'
import { ShortcutsDialog } from './components/ShortcutsDialog'
import { ConnectionIndicator } from './components/ConnectionIndicator'
import { navigate, parseHash, useRoute } from './router'
import { QueueScreen } from './screens/QueueScreen'
import { SyncIndicator } from './components/SyncIndicator'
import { SyncNotices } from './components/SyncNotices'
import { SignIn } from './screens/SignInScreen'
import { Loaded, loadable } from './components/Loaded'
import { showDueReminders } from './reminders'
import { useQueue } from './stores/queue'
import { useWorkflow } from './stores/workflow'
import { useTasks } from './stores/tasks'
import { useSession } from './stores/session'
import { useScorecard } from './stores/scorecard'
import { useShortcuts } from './shortcuts'

// The first paint is the queue: the other screens (and DOMPurify, the charts) load beside it.
const workflowScreen = loadable(() => import('./screens/WorkflowScreen'))
const settingsScreen = loadable(() => import('./screens/SettingsScreen'))
const tasksScreen = loadable(() => import('./screens/TasksScreen'))
const importScreen = loadable(() => import('./screens/ImportScreen'))
const teamScreen = loadable(() => import('./screens/TeamScreen'))
const csmQueueScreen = loadable(() => import('./screens/CsmQueueScreen'))
const usersScreen = loadable(() => import('./screens/UsersScreen'))
const auditScreen = loadable(() => import('./screens/AuditScreen'))
const reportsScreen = loadable(() => import('./screens/ReportsScreen'))
const scorecardScreen = loadable(() => import('./screens/ScorecardScreen'))
const playbooksScreen = loadable(() => import('./screens/PlaybooksScreen'))

/** While the queue is on its way, fetch the other screens so opening one never waits for its code. */
function preloadScreens(): void {
  void workflowScreen.load()
  void settingsScreen.load()
  void tasksScreen.load()
}

let refreshTimer: ReturnType<typeof setTimeout> | null = null
const changedIds = new Set<string | null>()

/**
 * Gathers change notices for a moment, then reloads what is on screen: the queue when it shows
 * (otherwise it is marked stale and reloads when opened), the open workflow if it is named.
 */
function refreshChanged(workflowId: string | null): void {
  changedIds.add(workflowId)
  refreshTimer ??= setTimeout(() => {
    refreshTimer = null
    const { service, user } = useSession.getState()
    const open = useWorkflow.getState().id
    const reloadOpen = changedIds.has(null) || (open !== null && changedIds.has(open))
    changedIds.clear()
    if (!service || !user) return
    if (parseHash(window.location.hash).name === 'queue') void useQueue.getState().load(service, user.id)
    else useQueue.setState({ loadedAt: 0 })
    if (reloadOpen) void useWorkflow.getState().changed(service)
    if (useTasks.getState().tasks) void useTasks.getState().load(service)
  }, 150)
}

export function App() {
  const { status, user, notice, signOut } = useSession()
  const route = useRoute()
  const [help, setHelp] = useState(false)
  const [signingIn, setSigningIn] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  // Events from the desktop app's main process (menu commands, notices).
  useEffect(
    () =>
      window.desk?.onEvent((event) => {
        if (event.type === 'navigate') navigate({ name: event.to })
        if (event.type === 'open-workflow') navigate({ name: 'workflow', id: event.id })
        if (event.type === 'show-shortcuts') setHelp(true)
        if (event.type === 'notice') setMessage(event.message)
      }),
    [],
  )
  // What the host says changed (another device, a pull from the team server) shows without a reload.
  const transport = useSession((s) => s.transport)
  useEffect(() => transport?.follow(refreshChanged), [transport])
  useEffect(() => {
    if (status === 'signed-in') preloadScreens()
  }, [status])
  // Reminders in a browser (the desktop app's main process shows its own).
  const service = useSession((s) => s.service)
  // The team's scorecard: its bands color every health score.
  useEffect(() => {
    if (service) void useScorecard.getState().load(service)
  }, [service])
  useEffect(() => {
    if (!service || window.desk) return
    const check = () => void showDueReminders(service).catch(() => undefined)
    check()
    const timer = setInterval(check, 60_000)
    return () => clearInterval(timer)
  }, [service])
  useShortcuts({ '?': () => setHelp(true), t: () => navigate({ name: 'tasks' }) })

  if (status === 'starting') {
    return (
      <p className="loading" role="status">
        Starting CSM Desk…
      </p>
    )
  }
  if (status === 'signed-out' || signingIn) return <SignIn onDone={signingIn ? () => setSigningIn(false) : undefined} />
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="#/">
          CSM Desk
        </a>
        <ConnectionIndicator />
        <SyncIndicator />
        <a className="subtle" href="#/tasks">
          Tasks
        </a>
        <a className="subtle" href="#/reports">
          Reports
        </a>
        {user?.role === 'admin' && (
          <>
            <a className="subtle" href="#/team">
              Team
            </a>
            <a className="subtle" href="#/users">
              Users
            </a>
            <a className="subtle" href="#/import">
              Import
            </a>
            <a className="subtle" href="#/scorecard">
              Scorecard
            </a>
            <a className="subtle" href="#/playbooks">
              Playbooks
            </a>
          </>
        )}
        <a className="subtle" href="#/settings">
          Settings
        </a>
        <span className="user">{user?.name}</span>
        <button type="button" className="subtle" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
          ?
        </button>
        {window.desk && (
          <button type="button" className="subtle" onClick={() => setSigningIn(true)}>
            Sign in…
          </button>
        )}
        <button type="button" className="subtle" onClick={signOut}>
          Sign out
        </button>
      </header>
      <SyncNotices />
      {(notice ?? message) && (
        <p className="notice warn" role="note">
          {notice ?? message}
        </p>
      )}
      {route.name === 'workflow' ? (
        <Loaded module={workflowScreen}>{(m) => <m.WorkflowScreen key={route.id} id={route.id} />}</Loaded>
      ) : route.name === 'settings' ? (
        <Loaded module={settingsScreen}>{(m) => <m.SettingsScreen />}</Loaded>
      ) : route.name === 'tasks' ? (
        <Loaded module={tasksScreen}>{(m) => <m.TasksScreen />}</Loaded>
      ) : route.name === 'import' ? (
        <Loaded module={importScreen}>{(m) => <m.ImportScreen />}</Loaded>
      ) : (route.name === 'team' || route.name === 'queue') && user?.role === 'admin' ? (
        // An admin has no queue of their own: their home is the team.
        <Loaded module={teamScreen}>{(m) => <m.TeamScreen />}</Loaded>
      ) : route.name === 'team-csm' && user?.role === 'admin' ? (
        <Loaded module={csmQueueScreen}>{(m) => <m.CsmQueueScreen key={route.id} csmId={route.id} />}</Loaded>
      ) : route.name === 'users' && user?.role === 'admin' ? (
        <Loaded module={usersScreen}>{(m) => <m.UsersScreen />}</Loaded>
      ) : route.name === 'reports' ? (
        <Loaded module={reportsScreen}>{(m) => <m.ReportsScreen />}</Loaded>
      ) : route.name === 'scorecard' && user?.role === 'admin' ? (
        <Loaded module={scorecardScreen}>{(m) => <m.ScorecardScreen />}</Loaded>
      ) : (route.name === 'playbooks' || route.name === 'playbook') && user?.role === 'admin' ? (
        <Loaded module={playbooksScreen}>
          {(m) => <m.PlaybooksScreen id={route.name === 'playbook' ? route.id : undefined} />}
        </Loaded>
      ) : route.name === 'audit' && user?.role === 'admin' ? (
        <Loaded module={auditScreen}>{(m) => <m.AuditScreen />}</Loaded>
      ) : (
        <QueueScreen />
      )}
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
    </div>
  )
}
