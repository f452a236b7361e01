/** Whether a host name (as in a URL or a Host header, without the port) is this machine's loopback. */
export function isLoopback(hostname: string): boolean {
  return /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i.test(hostname)
}
