import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { useSession } from './stores/session'
import './styles.css'

// Signing in (and loading the queue) starts before React's first render, not after its first paint.
void useSession.getState().start()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
