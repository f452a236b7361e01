import { useEffect, useRef, useState, type ReactNode } from 'react'

interface Props<T> {
  items: readonly T[]
  rowHeight: number
  /** Index to keep in view (the keyboard selection). */
  activeIndex: number
  label: string
  header: ReactNode
  renderRow: (item: T, index: number) => ReactNode
}

const OVERSCAN = 6

/** Renders only the rows on screen, so a queue of thousands scrolls like one of ten. */
export function VirtualList<T>({ items, rowHeight, activeIndex, label, header, renderRow }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(600)

  useEffect(() => {
    const element = scroller.current
    if (!element) return
    const observer = new ResizeObserver(() => setHeight(element.clientHeight))
    observer.observe(element)
    setHeight(element.clientHeight)
    return () => observer.disconnect()
  }, [])

  useEffect(() => {
    const element = scroller.current
    if (!element || activeIndex < 0) return
    const top = activeIndex * rowHeight
    if (top < element.scrollTop) element.scrollTop = top
    else if (top + rowHeight > element.scrollTop + element.clientHeight)
      element.scrollTop = top + rowHeight - element.clientHeight
  }, [activeIndex, rowHeight])

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN)
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN)
  return (
    <div className="vlist" role="grid" aria-label={label} aria-rowcount={items.length + 1}>
      {header}
      <div className="vlist-scroller" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div className="vlist-body" role="rowgroup" style={{ height: items.length * rowHeight }}>
          {items.slice(first, last).map((item, offset) => (
            <div
              key={first + offset}
              className="vlist-slot"
              style={{ top: (first + offset) * rowHeight, height: rowHeight }}
            >
              {renderRow(item, first + offset)}
            </div>
          ))}
        </div>
      </div>
    </div>
  )
}
