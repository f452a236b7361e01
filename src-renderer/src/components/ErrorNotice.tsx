export function ErrorNotice({
  error,
  onRetry,
}: {
  error: { message: string; offline: boolean }
  onRetry?: () => void
}) {
  return (
    <div className={`notice ${error.offline ? 'offline' : 'error'}`} role="alert">
      <strong>{error.offline ? 'Offline.' : 'That did not work.'}</strong> {error.message}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}
