/**
 * A cell as a spreadsheet will not run it: text starting with = + - @ (or a tab or CR) gets a
 * leading apostrophe, then CSV quoting.
 */
export function safeCell(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert
}

/** Rows as CSV: numbers as they are, text made safe, an empty cell for null. */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return (
    rows
      .map((row) => row.map((cell) => (cell === null ? '' : typeof cell === 'number' ? String(cell) : safeCell(cell))))
      .map((cells) => cells.join(','))
      .join('\r\n') + '\r\n'
  )
}

/** Saves text as a CSV file through the browser's (or the desktop's) download. */
export function downloadCsv(fileName: string, text: string): void {
  const link = document.createElement('a')
  link.href = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }))
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(link.href), 1000)
}
