/**
 * The entry point, kept small: in a browser it sends the first requests (who am I, my queue,
 * sync status) at once, then loads the app, so the answers are on their way while React loads.
 * The transport hands them to the app's first requests for them (api/early.ts).
 */
import { sendEarly, subjectOf, tokenFromLocation } from './api/early'

// The app's code first, so its download is not queued behind the requests below.
const app = import('./main')

if (!window.desk) {
  const token = tokenFromLocation()
  const sub = token && subjectOf(token)
  if (token && sub) {
    for (const path of ['/me', `/workflows/queue/${encodeURIComponent(sub)}`, '/sync/status']) sendEarly(token, path)
  }
}

void app
