import { create } from 'zustand'
import type { Scorecard, WorkflowService } from '../api/workflow-service'
import { DEFAULT_BANDS, bandOf } from '../../../src-main/core/health/score'
import type { HealthBand } from '../../../src-main/core/health/types'

/** The team's scorecard, read once a session (and again after an admin saves one): its bands color every score. */
export const useScorecard = create<{
  scorecard: Scorecard | null
  load(service: WorkflowService): Promise<void>
  set(scorecard: Scorecard): void
}>((set) => ({
  scorecard: null,
  async load(service) {
    try {
      set({ scorecard: await service.scorecard() })
    } catch {
      // A host from before scorecards, or offline: the default bands.
    }
  },
  set: (scorecard) => set({ scorecard }),
}))

/** A score's band on the team's scorecard. */
export function useBand(score: number | null): HealthBand {
  const bands = useScorecard((s) => s.scorecard?.bands ?? DEFAULT_BANDS)
  return bandOf(score, bands)
}

export const BAND_LABELS: Record<HealthBand, string> = {
  red: 'Red',
  yellow: 'Yellow',
  green: 'Green',
  none: 'Not enough data',
}
