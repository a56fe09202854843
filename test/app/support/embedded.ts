/**
 * The JSON the server puts beside its snapshot (server/first-paint.ts EMBEDDED_ID), put into the
 * page as the server writes it. Returns a removal for the test's end (the app removes it when it
 * takes it).
 */
export function embedInPage(data: unknown): () => void {
  const el = document.createElement('script')
  el.type = 'application/json'
  el.id = 'campaigns-data'
  el.textContent = JSON.stringify(data)
  document.body.appendChild(el)
  return () => el.remove()
}
