import { stageInfoFor } from './stages'

export type AccountPlan = 'invest' | 'expand' | 'manage' | 'monitor'
export type Experience = 'expert' | 'senior' | 'mid' | 'junior'

export const ACCOUNT_PLANS: readonly AccountPlan[] = ['invest', 'expand', 'manage', 'monitor']
export const EXPERIENCE_LEVELS: readonly Experience[] = ['expert', 'senior', 'mid', 'junior']

const PLAN_MULTIPLIER: Record<AccountPlan, number> = { invest: 1.5, expand: 1.3, manage: 1.0, monitor: 0.8 }
const EXPERIENCE_MULTIPLIER: Record<Experience, number> = { expert: 1.2, senior: 1.1, mid: 1.0, junior: 0.9 }

export interface PriorityFactors {
  urgencyScore: number
  arrMultiplier: number
  accountPlanMultiplier: number
  experienceMultiplier: number
  /** The CSM's other pending and in-progress workflows. */
  otherActiveWorkflows: number
  workloadPenalty: number
}

export interface PriorityInput {
  daysUntilRenewal: number
  arr: number
  accountPlan: AccountPlan | null
  experience: Experience
  otherActiveWorkflows: number
}

export function arrMultiplier(arr: number): number {
  if (arr >= 150_000) return 2.0
  if (arr >= 100_000) return 1.5
  return 1.0
}

export function priorityFactors(input: PriorityInput): PriorityFactors {
  return {
    urgencyScore: stageInfoFor(input.daysUntilRenewal).urgency,
    arrMultiplier: arrMultiplier(input.arr),
    accountPlanMultiplier: input.accountPlan ? PLAN_MULTIPLIER[input.accountPlan] : 1.0,
    experienceMultiplier: EXPERIENCE_MULTIPLIER[input.experience],
    otherActiveWorkflows: input.otherActiveWorkflows,
    workloadPenalty: 2 * input.otherActiveWorkflows,
  }
}

export function priorityScore(f: PriorityFactors): number {
  const weighted = f.urgencyScore * f.arrMultiplier * f.accountPlanMultiplier * f.experienceMultiplier
  // Rounded to 6 places first so that 148.50000000000003 and 148.49999999999997 agree.
  return Math.round(Number(weighted.toFixed(6))) - f.workloadPenalty
}

export interface Rankable {
  id: string
  priorityScore: number
  daysUntilRenewal: number
}

/** Highest priority first; ties go to the nearest renewal, then to the id. */
export function compareByPriority(a: Rankable, b: Rankable): number {
  return (
    b.priorityScore - a.priorityScore ||
    a.daysUntilRenewal - b.daysUntilRenewal ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
}
