import { HealthGauge } from './HealthGauge'
import { businessToday } from '../stores/session'
import type { ReactNode } from 'react'
import type { WorkflowContext } from '../../../src-main/core/api/types'
import { formatDate, formatMoney, formatPercent, readable } from '../format'
import { ArrChart, Gauge, RatioBars } from './charts'

interface ContextData {
  salesforce?: {
    opportunities?: { id: string; stage: string; amount: number; closeDate: string }[]
    cases?: { id: string; subject: string; status: string; priority: string }[]
    contacts?: { name: string; role: string; email: string }[]
  }
  usage?: {
    activeUsers: number
    licensedUsers: number
    utilizationRate: number
    trend: string
    changePercent: number
    lastActivity: string
    featureAdoption?: Record<string, number>
  }
  financials?: {
    currentARR: number
    arrHistory?: { date: string; arr: number }[]
    paymentHistory?: { date: string; amount: number; status: string; daysLate: number }[]
    outstandingInvoices?: { id?: string; amount?: number }[]
  }
  engagement?: {
    lastMeeting?: string
    meetingFrequency?: string
    responseTime?: string
    supportTickets?: { open: number; resolved: number; avgResolutionTime: string }
    qbrStatus?: { lastQBR?: string; nextQBR?: string; completed?: boolean }
  }
}

/** A titled list, or nothing when the list is empty. */
function ListSection<T>({
  title,
  items,
  keyOf,
  render,
}: {
  title: string
  items: readonly T[] | undefined
  keyOf: (item: T) => string
  render: (item: T) => ReactNode
}) {
  if (!items?.length) return null
  return (
    <section>
      <h3>{title}</h3>
      <ul>
        {items.map((item) => (
          <li key={keyOf(item)}>{render(item)}</li>
        ))}
      </ul>
    </section>
  )
}

const FEATURE_NAMES: Record<string, string> = {
  corePlatform: 'Core platform',
  advancedFeatures: 'Advanced features',
  integrations: 'Integrations',
}

/** The account's facts and signals; `children` (the forecast) come first. */
export function ContextPanel({ context, children }: { context: WorkflowContext; children?: ReactNode }) {
  const { customer, intelligence } = context
  const data = context.data as ContextData
  const usage = data.usage
  return (
    <aside className="context" aria-label="Customer context">
      {children}
      <section>
        <h2>{customer.name}</h2>
        <p className="muted">
          {customer.domain} · owner {customer.owner.name}
        </p>
        <dl className="facts">
          <dt>ARR</dt>
          <dd>{formatMoney(customer.arr)}</dd>
          <dt>Renewal</dt>
          <dd>{formatDate(customer.renewalDate)}</dd>
          {customer.contractStart && (
            <>
              <dt>Customer since</dt>
              <dd>{formatDate(customer.contractStart)}</dd>
            </>
          )}
          {customer.accountPlan && (
            <>
              <dt>Plan</dt>
              <dd>{readable(customer.accountPlan)}</dd>
            </>
          )}
          <dt>Sentiment</dt>
          <dd>{intelligence.sentiment ? readable(intelligence.sentiment) : '–'}</dd>
        </dl>
      </section>
      <section className="gauges">
        <HealthGauge customerId={customer.id} score={intelligence.healthScore} today={businessToday} />
        <Gauge label="Risk" value={intelligence.riskScore} high="bad" />
      </section>
      {intelligence.aiSummary && (
        <section>
          <h3>Summary</h3>
          <p>{intelligence.aiSummary}</p>
        </section>
      )}
      {intelligence.insights.length > 0 && (
        <section>
          <h3>Insights</h3>
          <ul className="insights">
            {intelligence.insights.map((insight) => (
              <li key={insight.message} className={`insight ${insight.type}`}>
                <span className={`badge ${insight.severity}`}>{insight.severity}</span> {insight.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {intelligence.recommendations.length > 0 && (
        <section>
          <h3>Recommendations</h3>
          <ul>
            {intelligence.recommendations.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>
      )}
      {data.financials?.arrHistory && (
        <section>
          <ArrChart history={data.financials.arrHistory} />
        </section>
      )}
      {usage && (
        <section>
          <h3>Usage</h3>
          <p>
            {usage.activeUsers} of {usage.licensedUsers} users active ({formatPercent(usage.utilizationRate)}), trend{' '}
            {usage.trend} {usage.changePercent > 0 ? '+' : ''}
            {usage.changePercent}%, last activity {formatDate(usage.lastActivity)}
          </p>
          <RatioBars
            title="Seats and feature adoption"
            values={[
              { label: 'Seats in use', ratio: usage.utilizationRate },
              ...Object.entries(usage.featureAdoption ?? {}).map(([key, ratio]) => ({
                label: FEATURE_NAMES[key] ?? key,
                ratio,
              })),
            ]}
          />
        </section>
      )}
      <ListSection
        title="Contacts"
        items={data.salesforce?.contacts}
        keyOf={(c) => c.email}
        render={(c) => (
          <>
            {c.name}, {c.role} <span className="muted">{c.email}</span>
          </>
        )}
      />
      <ListSection
        title="Opportunities"
        items={data.salesforce?.opportunities}
        keyOf={(o) => o.id}
        render={(o) => (
          <>
            {o.stage}: {formatMoney(o.amount)}, closes {formatDate(o.closeDate)}
          </>
        )}
      />
      <ListSection
        title="Cases"
        items={data.salesforce?.cases}
        keyOf={(c) => c.id}
        render={(c) => (
          <>
            {c.subject}{' '}
            <span className="muted">
              ({c.status}, {c.priority})
            </span>
          </>
        )}
      />
      {data.financials?.paymentHistory?.length ? (
        <section>
          <h3>Payments</h3>
          <ul>
            {data.financials.paymentHistory.map((p) => (
              <li key={p.date}>
                {formatDate(p.date)}: {formatMoney(p.amount)} {p.status}
                {p.daysLate ? `, ${p.daysLate} days late` : ''}
              </li>
            ))}
          </ul>
          {data.financials.outstandingInvoices?.length ? (
            <p className="notice warn">{data.financials.outstandingInvoices.length} invoice(s) outstanding</p>
          ) : null}
        </section>
      ) : null}
      {data.engagement && (
        <section>
          <h3>Engagement</h3>
          <dl className="facts">
            {data.engagement.lastMeeting && (
              <>
                <dt>Last meeting</dt>
                <dd>
                  {formatDate(data.engagement.lastMeeting)} ({data.engagement.meetingFrequency})
                </dd>
              </>
            )}
            {data.engagement.responseTime && (
              <>
                <dt>Response time</dt>
                <dd>{data.engagement.responseTime}</dd>
              </>
            )}
            {data.engagement.supportTickets && (
              <>
                <dt>Tickets</dt>
                <dd>
                  {data.engagement.supportTickets.open} open, {data.engagement.supportTickets.resolved} resolved
                </dd>
              </>
            )}
            {data.engagement.qbrStatus?.nextQBR && (
              <>
                <dt>Next QBR</dt>
                <dd>{formatDate(data.engagement.qbrStatus.nextQBR)}</dd>
              </>
            )}
          </dl>
        </section>
      )}
    </aside>
  )
}
