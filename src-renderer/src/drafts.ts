/**
 * Step content marks drafts (`class="draft"`, `data-draft="email" | "script"`, an email's
 * `data-to` and `data-subject`). Each gets a Copy button, and an email an "Open in mail" that
 * hands a mailto: link to the system (in Electron, shell.openExternal allows only https and
 * mailto).
 */
export function draftText(draft: HTMLElement): string {
  const parts = [...draft.children]
    .filter((child) => !child.classList.contains('draft-subject'))
    .map((child, index) => (draft.tagName === 'OL' ? `${index + 1}. ` : '') + (child as HTMLElement).innerText.trim())
  return parts.join(draft.tagName === 'OL' || draft.tagName === 'UL' ? '\n' : '\n\n')
}

export function mailtoOf(draft: HTMLElement): string {
  const to = draft.dataset.to && !draft.dataset.to.startsWith('[missing') ? draft.dataset.to : ''
  const subject = draft.dataset.subject ?? ''
  return `mailto:${encodeURIComponent(to)}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(draftText(draft))}`
}

function button(label: string, onClick: (button: HTMLButtonElement) => void): HTMLButtonElement {
  const element = document.createElement('button')
  element.type = 'button'
  element.textContent = label
  element.addEventListener('click', () => onClick(element))
  return element
}

/** Adds the actions under every draft in `root`; returns what removes them again. */
export function enhanceDrafts(root: HTMLElement): () => void {
  const bars: HTMLElement[] = []
  for (const draft of root.querySelectorAll<HTMLElement>('.draft')) {
    const email = draft.dataset.draft === 'email'
    const bar = document.createElement('div')
    bar.className = 'draft-actions'
    const copyLabel = email ? 'Copy email' : 'Copy script'
    bar.append(
      button(copyLabel, (self) => {
        const subject = email && draft.dataset.subject ? `Subject: ${draft.dataset.subject}\n\n` : ''
        void navigator.clipboard.writeText(subject + draftText(draft)).then(
          () => {
            self.textContent = 'Copied'
            setTimeout(() => (self.textContent = copyLabel), 1500)
          },
          () => (self.textContent = 'Copy failed: select the text instead'),
        )
      }),
    )
    if (email) bar.append(button('Open in mail', () => window.open(mailtoOf(draft), '_blank')))
    draft.after(bar)
    bars.push(bar)
  }
  return () => bars.forEach((bar) => bar.remove())
}
