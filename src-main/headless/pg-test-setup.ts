import type { TestProject } from 'vitest/node'
import { startPgCluster } from './pg-cluster'

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string
  }
}

/**
 * Vitest global setup: a throwaway PostgreSQL cluster for the whole run (or the server that
 * CSMDESK_TEST_PG_URL names). Without PostgreSQL the run fails and says how to install it:
 * no PostgreSQL test is ever skipped.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const external = process.env.CSMDESK_TEST_PG_URL
  const cluster = external ? null : await startPgCluster()
  project.provide('pgUrl', external ?? cluster!.url)
  return () => cluster?.stop()
}
