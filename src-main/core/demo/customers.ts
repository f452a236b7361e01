import { addDays } from '../clock'
import type { AccountPlan } from '../domain/priority'
import type { CustomerRow } from '../store/store'
import { between, pick } from './random'

const FIRST = ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Mateo', 'Sofia', 'Lucas', 'Mia', 'Ethan', 'Amara', 'Kenji']
const LAST = ['Garcia', 'Nguyen', 'Okafor', 'Schmidt', 'Rossi', 'Kowalski', 'Tanaka', 'Silva', 'Dubois', 'Haddad']
const ROLES = ['VP Engineering', 'CTO', 'Director of Operations', 'Head of Procurement', 'CFO', 'IT Manager']
const CASES = ['SSO configuration', 'Export timing out', 'Billing question', 'API rate limits', 'Dashboard access']

const RISKS = [
  'Missed 3 scheduled meetings in past month',
  'Executive sponsor left the company',
  'Support tickets up 40% this quarter',
  'Evaluating a competitor, per their account team',
  'Budget freeze announced for next fiscal year',
]
const OPPORTUNITIES = [
  'Team size increased 30% in Q2',
  'New department asked for a trial',
  'Adopted the integrations module across two teams',
  'Opened a second office in Europe',
]
const RECOMMENDATIONS = [
  'Schedule executive alignment call within 2 weeks',
  'Review product roadmap alignment',
  'Explore expansion into new departments',
  'Run an adoption workshop for advanced features',
  'Send a value summary before the renewal conversation',
  'Resolve open support tickets before pricing talks',
]

export interface CustomerSeed {
  id: string
  name: string
  domain: string
  arr: number
  plan: AccountPlan | null
  ownerId: string
  renewalDate: string
  today: string
}

/**
 * A customer with a full, coherent context: health drives usage, sentiment, insights and
 * payments, so the numbers tell one story.
 */
export function makeCustomer(random: () => number, seed: CustomerSeed): CustomerRow {
  const health = between(random, 25, 95)
  const risk = Math.max(5, Math.min(95, 100 - health + between(random, -12, 12)))
  const sentiment = health >= 75 ? 'positive' : health >= 55 ? pick(random, ['neutral', 'stable']) : 'declining'
  const licensed = pick(random, [25, 50, 80, 120, 200, 400])
  const utilization = Math.min(1, Math.round((health / 100 + between(random, -10, 10) / 100) * 100) / 100)
  const active = Math.round(licensed * utilization)
  const trend = health >= 70 ? 'up' : health >= 50 ? 'flat' : 'down'
  const change =
    trend === 'up' ? between(random, 3, 25) : trend === 'flat' ? between(random, -3, 3) : -between(random, 8, 30)
  const growth = 1 + between(random, -8, 12) / 100
  const arrHistory = [0, 1, 2].map((quarter) => ({
    date: addDays(seed.today, -60 - quarter * 91),
    arr: Math.round(seed.arr / growth ** quarter / 1000) * 1000,
  }))
  const contact = () => {
    const first = pick(random, FIRST)
    const last = pick(random, LAST)
    return { name: `${first} ${last}`, role: pick(random, ROLES), email: `${first.toLowerCase()}@${seed.domain}` }
  }
  const daysLate = health < 45 ? between(random, 5, 40) : 0
  const insights = [
    {
      type: 'risk',
      severity: risk >= 70 ? 'high' : risk >= 40 ? 'medium' : 'low',
      message: pick(random, RISKS),
      dataPoint: 'account_signals',
    },
    {
      type: 'opportunity',
      severity: health >= 70 ? 'high' : 'medium',
      message: pick(random, OPPORTUNITIES),
      dataPoint: 'growth_signals',
    },
  ]
  const recommendations = [0, 1, 2].map(
    (i) => RECOMMENDATIONS[(Math.floor(random() * 6) + i * 2) % RECOMMENDATIONS.length]!,
  )
  const data = {
    salesforce: {
      opportunities: [{ id: `opp-${seed.id}`, stage: 'Renewal', amount: seed.arr, closeDate: seed.renewalDate }],
      cases: [
        {
          id: `case-${seed.id}-1`,
          subject: pick(random, CASES),
          status: pick(random, ['open', 'resolved']),
          priority: pick(random, ['high', 'medium', 'low']),
        },
      ],
      contacts: [contact(), contact()],
    },
    usage: {
      activeUsers: active,
      licensedUsers: licensed,
      utilizationRate: utilization,
      trend,
      changePercent: change,
      lastActivity: addDays(seed.today, -between(random, 0, 6)),
      featureAdoption: {
        corePlatform: Math.min(1, Math.round((0.6 + random() * 0.4) * 100) / 100),
        advancedFeatures: Math.round(random() * health) / 100,
        integrations: Math.round((0.2 + random() * 0.7) * 100) / 100,
      },
    },
    financials: {
      currentARR: seed.arr,
      arrHistory,
      paymentHistory: [
        {
          date: addDays(seed.today, -between(random, 20, 90)),
          amount: Math.round(seed.arr / 4),
          status: daysLate > 30 ? 'late' : 'paid',
          daysLate,
        },
      ],
      outstandingInvoices:
        daysLate > 30 ? [{ id: `inv-${seed.id}`, amount: Math.round(seed.arr / 4), daysOverdue: daysLate }] : [],
    },
    engagement: {
      lastMeeting: addDays(seed.today, -between(random, 5, 90)),
      meetingFrequency: pick(random, ['weekly', 'biweekly', 'monthly', 'quarterly']),
      responseTime: `${(between(random, 5, 50) / 10).toFixed(1)} days avg`,
      supportTickets: {
        open: between(random, 0, 8),
        resolved: between(random, 5, 80),
        avgResolutionTime: `${(between(random, 4, 40) / 10).toFixed(1)} days`,
      },
      qbrStatus: {
        lastQBR: addDays(seed.today, -between(random, 30, 150)),
        nextQBR: addDays(seed.today, between(random, 10, 90)),
        completed: health >= 50,
      },
    },
  }
  const summary =
    trend === 'down'
      ? `Usage is down ${-change}% and sentiment is ${sentiment}. ${insights[0]!.message}; address it before the renewal conversation.`
      : trend === 'up'
        ? `Healthy account: usage up ${change}% with ${Math.round(utilization * 100)}% of licenses active. ${insights[1]!.message}.`
        : `Stable usage at ${Math.round(utilization * 100)}% utilization. ${insights[0]!.message}; keep the sponsor close.`
  return {
    id: seed.id,
    name: seed.name,
    domain: seed.domain,
    arr: seed.arr,
    renewal_date: seed.renewalDate,
    contract_start: addDays(seed.renewalDate, -365 * between(random, 1, 3)),
    account_plan: seed.plan,
    owner_id: seed.ownerId,
    risk_score: risk,
    health_score: health,
    sentiment,
    ai_summary: summary,
    insights_json: JSON.stringify(insights),
    recommendations_json: JSON.stringify(recommendations),
    data_json: JSON.stringify(data),
    external_id: seed.id,
    status: 'active',
  }
}
