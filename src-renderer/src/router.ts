import { useSyncExternalStore } from 'react'

export type Route =
  | { name: 'queue' }
  | { name: 'settings' }
  | { name: 'tasks' }
  | { name: 'import' }
  | { name: 'team' }
  | { name: 'team-csm'; id: string }
  | { name: 'users' }
  | { name: 'audit' }
  | { name: 'reports' }
  | { name: 'scorecard' }
  | { name: 'playbooks' }
  | { name: 'playbook'; id: string }
  | { name: 'workflow'; id: string }

export function parseHash(hash: string): Route {
  if (hash.startsWith('#/settings')) return { name: 'settings' }
  if (hash.startsWith('#/tasks')) return { name: 'tasks' }
  if (hash.startsWith('#/import')) return { name: 'import' }
  if (hash.startsWith('#/users')) return { name: 'users' }
  if (hash.startsWith('#/audit')) return { name: 'audit' }
  if (hash.startsWith('#/reports')) return { name: 'reports' }
  if (hash.startsWith('#/scorecard')) return { name: 'scorecard' }
  const playbook = /^#\/playbooks\/([^/?#]+)/.exec(hash)
  if (playbook) return { name: 'playbook', id: decodeURIComponent(playbook[1]!) }
  if (hash.startsWith('#/playbooks')) return { name: 'playbooks' }
  const csm = /^#\/team\/([^/?#]+)/.exec(hash)
  if (csm) return { name: 'team-csm', id: decodeURIComponent(csm[1]!) }
  if (hash.startsWith('#/team')) return { name: 'team' }
  const match = /^#\/workflow\/([^/?#]+)/.exec(hash)
  return match ? { name: 'workflow', id: decodeURIComponent(match[1]!) } : { name: 'queue' }
}

export function hrefOf(route: Route): string {
  if (route.name === 'settings') return '#/settings'
  if (route.name === 'tasks') return '#/tasks'
  if (route.name === 'import') return '#/import'
  if (route.name === 'users') return '#/users'
  if (route.name === 'audit') return '#/audit'
  if (route.name === 'reports') return '#/reports'
  if (route.name === 'scorecard') return '#/scorecard'
  if (route.name === 'playbooks') return '#/playbooks'
  if (route.name === 'playbook') return `#/playbooks/${encodeURIComponent(route.id)}`
  if (route.name === 'team') return '#/team'
  if (route.name === 'team-csm') return `#/team/${encodeURIComponent(route.id)}`
  return route.name === 'workflow' ? `#/workflow/${encodeURIComponent(route.id)}` : '#/'
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route)
}

const subscribe = (notify: () => void) => {
  window.addEventListener('hashchange', notify)
  return () => window.removeEventListener('hashchange', notify)
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash)
  return parseHash(hash)
}
